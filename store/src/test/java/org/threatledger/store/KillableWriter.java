package org.threatledger.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixObject;

/**
 * The child process of the crash test: puts batches of {@value #BATCH} objects in a loop and
 * prints {@code committed <n>} after each put returns, until it is killed.
 */
public final class KillableWriter {
    static final String TYPE = "x-crash-test";
    static final int BATCH = 500;

    private KillableWriter() {
    }

    /** The command line that runs this writer against a store in a fresh JVM. */
    static List<String> command(String location) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                KillableWriter.class.getName(), location);
    }

    public static void main(String[] args) {
        try (KnowledgeStore store = Stores.open(args[0])) {
            for (int batch = 0; ; batch++) {
                List<StixObject> objects = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    objects.add(StixObject.parse("{\"type\":\"" + TYPE + "\",\"spec_version\":\"2.1\",\"id\":\""
                            + Ids.derived(TYPE, Integer.toString(batch), Integer.toString(i)) + "\","
                            + "\"created\":\"2020-01-01T00:00:00.000Z\",\"modified\":\"2020-01-01T00:00:00.000Z\","
                            + "\"name\":\"crash " + batch + " " + i + "\",\"x_batch\":\"" + batch + "\","
                            + "\"description\":\"" + "padding ".repeat(50) + "\"}"));
                }
                store.put(objects, KnowledgeStoreContract.TEST);
                System.out.println("committed " + batch);
                System.out.flush();
            }
        }
    }
}
