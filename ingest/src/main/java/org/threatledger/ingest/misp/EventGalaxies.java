package org.threatledger.ingest.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.threatledger.stix.StixObject;

/**
 * The galaxy clusters an event (or attribute) carries, mapped by {@link Clusters} as stubs with
 * {@code created = modified = 1970-01-01T00:00:00.000Z}: the event only quotes the galaxy, so any
 * real galaxy import (dated epoch + galaxy version seconds, see {@link MispGalaxyImporter})
 * supersedes the stub on the same id. Actors and malware become targets of {@code indicates}: from
 * every indicator of the event for event-level galaxies, from the attribute's own indicator for
 * attribute-level ones. An event-level actor {@code uses} each attack pattern and {@code targets}
 * each sector the event names.
 *
 * <p>MISP versions differ in where the value uuid is: {@code uuid} (current), {@code collection_uuid}
 * with an empty {@code uuid} (2.4.9x), or nowhere: the oldest exports put the galaxy's own uuid in
 * every cluster ({@code 7cdff317-…} for all threat actors). A uuid that is a known galaxy uuid, the
 * galaxy's, or shared by several clusters names no value; then the stub gets an id derived from the
 * galaxy type and value name (it will not meet the galaxy import's object) and a warning says so.
 */
final class EventGalaxies {
    /** The galaxy (collection) uuids of the MISP galaxy files, which are not value uuids. */
    private static final Set<String> GALAXY_UUIDS = Set.of(
            "7cdff317-a673-4474-84ec-4f1754947823", "10df003c-7831-11e7-bdb9-971cdd1218df",
            "d752161c-78f6-11e7-a0ea-bfa79b407ce4", "d700dc5c-78f6-11e7-a476-5f748c8e4fe0",
            "dcb864dc-775f-11e7-9fbb-1f41b4996683", "28b5e55d-acba-4748-a79d-0afa3512689a",
            "0d821b68-9d82-4c6d-86a6-1071a9e0f79f", "1d1c9af9-37fa-4deb-a928-f9b0abc7354a",
            "1401c704-7dfb-41f6-a6d3-e751b270843b", "84668357-5a8c-4bdd-9f0f-6b50b2aee4c1",
            "eea087b6-e02f-11e9-89c1-cf406e0267ec");

    private final EventScope scope;
    private final List<String> indicated = new ArrayList<>();
    private final List<String> actors = new ArrayList<>();
    private final List<String> techniques = new ArrayList<>();
    private final List<String> sectors = new ArrayList<>();

    EventGalaxies(EventScope scope) {
        this.scope = scope;
    }

    /**
     * Maps the galaxies and returns the actors and malware they name (what an indicator indicates);
     * {@code eventLevel} ones also relate to each other and to every indicator of the event.
     */
    List<String> map(JsonNode galaxies, boolean eventLevel) {
        for (JsonNode galaxy : galaxies) {
            String type = galaxy.path("type").asText("");
            JsonNode clusters = galaxy.path("GalaxyCluster");
            if (Clusters.stixType(type) == null) {
                scope.warn(galaxy.path("uuid").asText(null), "Galaxy", "misp-galaxy",
                        "galaxy type '" + type + "' has no STIX mapping; clusters " + names(clusters) + " not imported");
                continue;
            }
            Map<String, Integer> uuidUse = new HashMap<>();
            clusters.forEach(c -> {
                uuidUse.merge(c.path("uuid").asText("").toLowerCase(Locale.ROOT), 1, Integer::sum);
                uuidUse.merge(c.path("collection_uuid").asText("").toLowerCase(Locale.ROOT), 1, Integer::sum);
            });
            for (JsonNode cluster : clusters) {
                stub(type, valueOf(cluster, galaxy, uuidUse));
            }
        }
        if (eventLevel) {
            scope.indicated.addAll(indicated);
            relate();
        }
        return indicated;
    }

    private JsonNode valueOf(JsonNode cluster, JsonNode galaxy, Map<String, Integer> uuidUse) {
        for (String field : List.of("uuid", "collection_uuid")) {
            String uuid = cluster.path(field).asText("").toLowerCase(Locale.ROOT);
            boolean valueUuid = !uuid.isEmpty() && uuidUse.getOrDefault(uuid, 0) <= 1 && !GALAXY_UUIDS.contains(uuid)
                    && !uuid.equalsIgnoreCase(galaxy.path("uuid").asText(""));
            if (valueUuid) {
                ObjectNode copy = cluster.deepCopy();
                copy.put("uuid", uuid);
                return copy;
            }
        }
        String uuid = cluster.path("uuid").asText("");
        scope.warn(uuid.isEmpty() ? null : uuid, "GalaxyCluster.uuid", "misp-galaxy",
                "cluster '" + cluster.path("value").asText("") + "' of galaxy '" + galaxy.path("type").asText("")
                        + "' carries no value uuid (old MISP export); its id is derived from the name and will"
                        + " not meet a galaxy import");
        ObjectNode copy = cluster.deepCopy();
        copy.remove("uuid");
        return copy;
    }

    private void stub(String type, JsonNode value) {
        List<StixObject> objects = Clusters.map(type, value, Instant.EPOCH, EventScope.markings(scope.tlp),
                (field, reason) -> scope.warn(value.path("uuid").asText(null), field, "misp-galaxy", reason));
        objects.forEach(scope::emit);
        if (objects.isEmpty()) {
            return;
        }
        StixObject main = objects.get(0);
        switch (main.type()) {
            case "intrusion-set" -> {
                actors.add(main.id());
                indicated.add(main.id());
            }
            case "malware" -> indicated.add(main.id());
            case "attack-pattern" -> techniques.add(main.id());
            case "identity" -> sectors.add(main.id());
            default -> { }
        }
    }

    private void relate() {
        List<String> markings = EventScope.markings(scope.tlp);
        for (String actor : actors) {
            for (String technique : techniques) {
                scope.emit(Sdo.relationship("uses", actor, technique, scope.eventTime, markings));
            }
            for (String sector : sectors) {
                scope.emit(Sdo.relationship("targets", actor, sector, scope.eventTime, markings));
            }
        }
    }

    private static String names(JsonNode clusters) {
        List<String> names = new ArrayList<>();
        clusters.forEach(c -> names.add("'" + c.path("value").asText("") + "'"));
        return names.toString();
    }
}
