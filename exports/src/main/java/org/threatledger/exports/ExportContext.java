package org.threatledger.exports;

import java.util.List;
import java.util.Optional;
import org.threatledger.analysis.Actor;
import org.threatledger.analysis.ActorDirectory;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.StoredObject;
import org.threatledger.stix.Tlp;

/**
 * What an exporter works from: the store, the user's options, the summary to count into, and the
 * selection made once for every value format ({@link #values()}). The TLP rule lives here, so no
 * exporter can forget it: an object is writable when its effective TLP
 * ({@link StoredObject#tlp()}: own marking, else provenance default, else AMBER) is at most
 * {@link ExportOptions#maxTlp()}.
 */
public final class ExportContext {
    private final KnowledgeStore store;
    private final ExportOptions options;
    private final ExportSummary summary;
    private ActorDirectory directory;
    private Optional<Actor> actor;
    private List<ExportValue> values;

    ExportContext(KnowledgeStore store, ExportOptions options, ExportSummary summary) {
        this.store = store;
        this.options = options;
        this.summary = summary;
    }

    public KnowledgeStore store() {
        return store;
    }

    public ExportOptions options() {
        return options;
    }

    public ExportSummary summary() {
        return summary;
    }

    /** The actors of the store, unified (loaded once). */
    public ActorDirectory directory() {
        if (directory == null) {
            directory = ActorDirectory.load(store);
        }
        return directory;
    }

    /** The actor of {@code --actor}, or empty when none was asked; fails when no actor has that name. */
    public Optional<Actor> actor() {
        if (actor == null) {
            actor = Optional.ofNullable(options.actor()).map(name -> directory().find(name)
                    .orElseThrow(() -> new ExportException(ExportException.Kind.NOT_FOUND, "no actor is known as '" + name + "'")));
        }
        return actor;
    }

    /** True when the object may be written; otherwise counts it as skipped for its TLP. */
    public boolean admit(StoredObject object) {
        return admit(object.tlp());
    }

    /** True when something of this TLP may be written; otherwise counts one skip for it. */
    public boolean admit(Tlp tlp) {
        if (options.allows(tlp)) {
            return true;
        }
        summary.skip(tlpReason(tlp));
        return false;
    }

    /** The skip reason for a TLP above the limit. */
    String tlpReason(Tlp tlp) {
        return ObjectSelection.tlpReason(tlp, options.maxTlp());
    }

    /**
     * The atomic values to export: current STIX indicators with simple patterns and list entries,
     * limited to the actor, the confidence floor and the TLP limit, sorted by kind and value.
     * Skips are counted once, by the first caller.
     */
    public List<ExportValue> values() {
        if (values == null) {
            values = new ValueSelection(this).values();
        }
        return values;
    }
}
