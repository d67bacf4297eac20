package org.threatledger.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.threatledger.history.History;
import org.threatledger.history.Seen;
import org.threatledger.match.ObservationType;
import org.threatledger.pattern.Anchor;
import org.threatledger.pattern.Anchors;
import org.threatledger.pattern.Literal;
import org.threatledger.pattern.PatternParser;
import org.threatledger.sighting.SightingAggregator;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocIndicators;
import org.threatledger.stix.StixObject;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Provenance;
import org.threatledger.store.StoredObject;

/**
 * Retro-hunt: indicators that arrived since a point in time, looked up in the history of observed
 * values instead of re-reading raw logs. A hit becomes a sighting carrying the historic first/last
 * seen and count. List entries are looked up by value (a domain that covers its subdomains by a
 * suffix scan); STIX indicators by the equality anchors of their pattern, which for a pattern that
 * needs more than one value means "its anchor value was seen" (marked on the sighting).
 * Address ranges (list CIDR entries, and patterns anchored on {@code ISSUBSET '10.0.0.0/8'}) are
 * looked up as ranges of observed addresses and give one sighting per indicator with the counts of
 * all addresses inside (see {@link SightingAggregator#fromHistory(String, List, java.util.function.Consumer)}).
 * {@code ip:port} entries are not retro-hunted, because the history keeps no ports: they are counted
 * in {@link Result#notRetrohunted} so that the user is told.
 */
public final class Retrohunt {
    private static final String LIST_TYPE = "x-threatledger-ioc-list";

    private final KnowledgeStore store;
    private final History history;
    private final Attribution attribution;

    public Retrohunt(KnowledgeStore store, History history) {
        this.store = store;
        this.history = history;
        this.attribution = new Attribution(store);
    }

    /** Result counts: indicators looked up, sightings written, {@code ip:port} entries that cannot be retro-hunted. */
    public record Result(long indicators, long sightings, long notRetrohunted) { }

    /**
     * After an import at {@code importedAt}: the indicators it stored against the history in
     * {@code historyDir}, when a hunt ever created one; null when there is none.
     */
    public static Result afterImport(KnowledgeStore store, Path historyDir, Instant importedAt) throws IOException {
        if (!Files.isDirectory(historyDir)) {
            return null;
        }
        try (History history = History.open(historyDir)) {
            return new Retrohunt(store, history).since(importedAt.minusMillis(1));
        }
    }

    public Result since(Instant since) {
        List<StixObject> out = new ArrayList<>();
        SightingAggregator aggregator = new SightingAggregator(
                SightingAggregator.Options.defaults().withActors(id -> attribution.actorsOf(id, null)));
        Set<String> newLists = new HashSet<>();
        List<StixObject> newIndicators = new ArrayList<>();
        for (StoredObject s : store.changesSince(since, Integer.MAX_VALUE)) {
            if (s.object().type().equals(LIST_TYPE)) {
                newLists.add(s.object().id());
            } else if (s.object().type().equals("indicator") && !s.object().revoked()) {
                newIndicators.add(s.object());
            }
        }
        long looked = 0;
        long notRetrohunted = 0;
        Map<ObservationType, Map<String, List<String>>> wanted = new HashMap<>();
        Map<String, IocEntry> entriesByKey = new HashMap<>();
        for (String listId : newLists) {
            Optional<StixObject> list = attribution.list(listId);
            for (IocEntry e : store.entries(listId)) {
                looked++;
                entriesByKey.put(entryKey(e), e);
                if (e.type() == org.threatledger.stix.IocType.DOMAIN && e.subdomains()) {
                    for (Seen seen : history.lookupSuffix(e.value())) {
                        hit(list, e, seen, aggregator, out);
                    }
                    continue;
                }
                if (e.type() == org.threatledger.stix.IocType.CIDR4 || e.type() == org.threatledger.stix.IocType.CIDR6) {
                    rangeHit(list, e, history.lookupRange(e.value()), aggregator, out);
                    continue;
                }
                if (e.type() == org.threatledger.stix.IocType.IP_PORT) {
                    notRetrohunted++;
                    continue;
                }
                ObservationType t = typeOf(e.type());
                if (t != null) {
                    wanted.computeIfAbsent(t, k -> new HashMap<>()).computeIfAbsent(e.value(), k -> new ArrayList<>())
                            .add(entryKey(e));
                }
            }
        }
        for (StixObject indicator : newIndicators) {
            looked++;
            List<Anchor> anchors = patternAnchors(indicator);
            for (String cidr : subnets(anchors)) {
                List<Seen> inside;
                try {
                    inside = history.lookupRange(cidr);
                } catch (IllegalArgumentException e) {
                    continue; // a range the pattern grammar took but the history cannot read: the live hunt still matches it
                }
                if (!inside.isEmpty()) {
                    aggregator.fromHistory(indicator.id(), inside, out::add);
                }
            }
            for (Map.Entry<ObservationType, String> anchor : values(anchors)) {
                wanted.computeIfAbsent(anchor.getKey(), k -> new HashMap<>()).computeIfAbsent(anchor.getValue(), k -> new ArrayList<>())
                        .add("stix:" + indicator.id());
            }
        }
        for (Map.Entry<ObservationType, Map<String, List<String>>> byType : wanted.entrySet()) {
            Map<String, Seen> seen = history.lookupAll(byType.getKey(), byType.getValue().keySet());
            for (Map.Entry<String, Seen> s : seen.entrySet()) {
                for (String key : byType.getValue().get(s.getKey())) {
                    if (key.startsWith("stix:")) {
                        aggregator.fromHistory(key.substring(5), s.getValue(), out::add);
                    } else {
                        IocEntry e = entriesByKey.get(key);
                        hit(attribution.list(e.listId()), e, s.getValue(), aggregator, out);
                    }
                }
            }
        }
        long sightings = out.stream().filter(o -> o.type().equals("sighting")).count();
        if (!out.isEmpty()) {
            store.put(out, new Provenance("retrohunt", "threatledger retrohunt", Instant.now(), null));
        }
        return new Result(looked, sightings, notRetrohunted);
    }

    private static String entryKey(IocEntry e) {
        return e.listId() + "\u001f" + e.type() + "\u001f" + e.value() + "\u001f" + e.port();
    }

    private void hit(Optional<StixObject> list, IocEntry e, Seen seen, SightingAggregator aggregator, List<StixObject> out) {
        materialise(list, e, out).ifPresent(id -> aggregator.fromHistory(id, seen, out::add));
    }

    private void rangeHit(Optional<StixObject> list, IocEntry e, List<Seen> inside, SightingAggregator aggregator,
                          List<StixObject> out) {
        if (!inside.isEmpty()) {
            materialise(list, e, out).ifPresent(id -> aggregator.fromHistory(id, inside, out::add));
        }
    }

    /** The STIX indicator of a list entry, added to {@code out}; its id, or empty when the list is gone. */
    private Optional<String> materialise(Optional<StixObject> list, IocEntry e, List<StixObject> out) {
        if (list.isEmpty()) {
            return Optional.empty();
        }
        StixObject indicator = IocIndicators.indicator(list.get(), e);
        out.add(indicator);
        attribution.actorsOf(indicator.id(), e.listId()); // resolve through the list, before the sighting asks by id
        return Optional.of(indicator.id());
    }

    /** The anchors of a STIX indicator's pattern, parsed once; none for another pattern language or an invalid pattern. */
    private static List<Anchor> patternAnchors(StixObject indicator) {
        String pattern = indicator.text("pattern").orElse("");
        if (!"stix".equals(indicator.text("pattern_type").orElse("stix")) || PatternParser.check(pattern).isPresent()) {
            return List.of();
        }
        return List.copyOf(Anchors.of(PatternParser.parse(pattern)));
    }

    /** The address ranges among the anchors ({@code ipv4-addr:value ISSUBSET '10.0.0.0/8'}). */
    private static List<String> subnets(List<Anchor> anchors) {
        List<String> out = new ArrayList<>();
        for (Anchor a : anchors) {
            if (a instanceof Anchor.Subnet subnet) {
                out.add(subnet.cidr());
            }
        }
        return out;
    }

    private static ObservationType typeOf(org.threatledger.stix.IocType t) {
        return switch (t) {
            case DOMAIN -> ObservationType.DOMAIN;
            case IPV4 -> ObservationType.IPV4;
            case IPV6 -> ObservationType.IPV6;
            case URL -> ObservationType.URL;
            case EMAIL -> ObservationType.EMAIL;
            case MD5 -> ObservationType.MD5;
            case SHA1 -> ObservationType.SHA1;
            case SHA256 -> ObservationType.SHA256;
            case CIDR4, CIDR6, IP_PORT -> null;
        };
    }

    /** The (type, value) equality anchors that the history can answer. */
    private static List<Map.Entry<ObservationType, String>> values(List<Anchor> anchors) {
        List<Map.Entry<ObservationType, String>> out = new ArrayList<>();
        for (Anchor a : anchors) {
            if (a instanceof Anchor.Equality eq && eq.value() instanceof Literal.StringLiteral s) {
                ObservationType t = switch (eq.path().toString()) {
                    case "domain-name:value" -> ObservationType.DOMAIN;
                    case "ipv4-addr:value", "network-traffic:dst_ref.value" -> ObservationType.IPV4;
                    case "ipv6-addr:value" -> ObservationType.IPV6;
                    case "url:value" -> ObservationType.URL;
                    case "email-addr:value" -> ObservationType.EMAIL;
                    case "file:hashes.MD5", "file:hashes.'MD5'" -> ObservationType.MD5;
                    case "file:hashes.'SHA-1'" -> ObservationType.SHA1;
                    case "file:hashes.'SHA-256'" -> ObservationType.SHA256;
                    default -> null;
                };
                if (t != null) {
                    boolean caseless = t != ObservationType.URL && t != ObservationType.IPV6;
                    out.add(Map.entry(t, caseless ? s.value().toLowerCase(java.util.Locale.ROOT) : s.value()));
                }
            }
        }
        return out;
    }
}
