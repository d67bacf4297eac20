package org.threatledger.exports;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.threatledger.analysis.Actor;
import org.threatledger.analysis.ActorProfile;
import org.threatledger.stix.Ids;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocIndicators;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.StoredObject;

/**
 * {@code stix21}: current objects as one STIX 2.1 bundle, streamed (constant memory for the whole
 * knowledge base). List entries are written as STIX indicators ({@link IocIndicators}), carrying
 * their list's markings. Objects above the TLP limit are withheld, and so are the relationships
 * and sightings that point at a withheld object (the link would say what we are not sharing).
 * Every TLP marking an exported object names is included as its official marking definition.
 */
final class StixBundleExporter implements Exporter {
    private static final Set<String> REF_PROPERTIES = Set.of(
            "source_ref", "target_ref", "sighting_of_ref", "observed_data_refs", "where_sighted_refs");

    @Override
    public String format() {
        return "stix21";
    }

    @Override
    public String description() {
        return "one STIX 2.1 bundle (list entries become indicators)";
    }

    @Override
    public void write(ExportContext context, ExportOutput output) throws IOException {
        try (OutputStream os = output.open("bundle.json");
                JsonGenerator g = StixJson.factory().createGenerator(os)) {
            g.setCodec(StixJson.mapper());
            g.writeStartObject();
            g.writeStringField("type", "bundle");
            g.writeStringField("id", Ids.random("bundle"));
            g.writeArrayFieldStart("objects");
            Bundle bundle = new Bundle(context, g);
            if (context.actor().isPresent()) {
                bundle.actor(context.actor().get());
            } else {
                bundle.all();
            }
            bundle.markings();
            g.writeEndArray();
            g.writeEndObject();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The state of one bundle being written. */
    private static final class Bundle {
        private final ExportContext context;
        private final KnowledgeStore store;
        private final JsonGenerator g;
        private final List<String> types;
        private final Set<String> markings = new LinkedHashSet<>();
        private final Set<String> written = new HashSet<>();
        private final Set<String> withheld = new HashSet<>();

        Bundle(ExportContext context, JsonGenerator g) {
            this.context = context;
            this.store = context.store();
            this.g = g;
            this.types = context.options().types();
        }

        private boolean wanted(String type) {
            return types.isEmpty() || types.contains(type);
        }

        void all() throws IOException {
            store.forEachCurrent(null, s -> {
                if (!context.options().allows(s.tlp())) {
                    withheld.add(s.object().id());
                }
            });
            store.forEachCurrent(null, s -> {
                String type = s.object().type();
                boolean officialTlp = type.equals("marking-definition") && Tlp.ofMarking(s.object().id()).isPresent();
                if (!officialTlp && wanted(type) && !type.equals(Selection.LIST_TYPE)) {
                    admitAndWrite(s);
                }
            });
            if (wanted("indicator")) {
                for (StixObject list : store.byType(Selection.LIST_TYPE, 0, Integer.MAX_VALUE)) {
                    entries(store.get(list.id()).orElseThrow());
                }
            }
        }

        void actor(Actor actor) throws IOException {
            for (StoredObject m : actor.members()) {
                if (!context.admit(m) || wanted(m.object().type()) && !admitAndWrite(m)) {
                    continue;
                }
                for (StixObject rel : store.relationships(m.object().id())) {
                    String self = m.object().id();
                    String other = self.equals(rel.text("source_ref").orElse(""))
                            ? rel.text("target_ref").orElse("") : rel.text("source_ref").orElse("");
                    var end = store.get(other).filter(o -> !o.object().revoked());
                    var relStored = store.get(rel.id());
                    if (end.isPresent() && relStored.isPresent() && wanted(end.get().object().type())
                            && (written.contains(other) || admitAndWrite(end.get()))) {
                        admitAndWrite(relStored.get());
                    }
                }
            }
            if (wanted("indicator")) {
                ActorProfile profile = ActorProfile.of(actor, context.directory(), store);
                for (String listId : profile.lists()) {
                    entries(store.get(listId).orElseThrow());
                }
            }
        }

        private void entries(StoredObject list) throws IOException {
            List<IocEntry> entries = store.entries(list.object().id());
            for (IocEntry e : entries) {
                if (context.admit(list)) {
                    write(IocIndicators.indicator(list.object(), e));
                }
            }
        }

        /** Writes a stored object once, when its TLP and the TLP of what it links allow. */
        private boolean admitAndWrite(StoredObject s) {
            if (written.contains(s.object().id())) {
                return true;
            }
            if (!context.admit(s)) {
                return false;
            }
            for (String p : REF_PROPERTIES) {
                for (String ref : s.object().has(p) && s.object().get(p).isArray() ? s.object().strings(p)
                        : s.object().text(p).map(List::of).orElse(List.of())) {
                    if (withheld.contains(ref)) {
                        context.summary().skip("links an object withheld by TLP");
                        return false;
                    }
                }
            }
            try {
                write(s.object());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        }

        private void write(StixObject o) throws IOException {
            if (written.add(o.id())) {
                g.writeTree(o.json());
                markings.addAll(o.markingRefs());
                context.summary().wrote();
            }
        }

        void markings() throws IOException {
            for (String m : markings) {
                var tlp = Tlp.ofMarking(m).filter(t -> t.markingId().equals(m));
                if (tlp.isPresent()) {
                    g.writeTree(tlp.get().markingDefinition().json());
                    context.summary().wrote();
                }
            }
        }
    }
}
