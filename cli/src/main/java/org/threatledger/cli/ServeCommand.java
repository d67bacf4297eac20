package org.threatledger.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.threatledger.server.TaxiiServer;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.taxii.DisclosureLog;
import org.threatledger.taxii.LiveSharingConfig;
import org.threatledger.taxii.SharingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code serve}: the TAXII 2.1 server at {@code /taxii2/} until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve TAXII 2.1 at /taxii2/ to the partners in the sharing configuration.",
            "Every object version served or received is appended to <home>/disclosures.log."})
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    Main root;

    @Spec
    CommandSpec spec;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "9443", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--config", paramLabel = "FILE", description = "Sharing configuration (default: <home>/sharing.json).")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        Path home = Env.home(root);
        Path file = config != null ? config : home.resolve(SharingConfig.FILE);
        LiveSharingConfig live = Sharing.watch(file);
        SharingConfig sharing = live.get();
        PrintWriter out = Env.out(spec);
        CountDownLatch stopped = new CountDownLatch(1);
        try (KnowledgeStore store = Env.open(root);
             TaxiiServer server = TaxiiServer.start(bind, port, live, store, new DisclosureLog(home.resolve("disclosures.log")),
                     home.resolve("history"))) {
            String scheme = sharing.tlsKeystore() == null ? "http" : "https";
            out.printf("TAXII 2.1 at %s://%s:%d/taxii2/ (%d partners, %d collections); Ctrl-C stops%n", scheme, bind,
                    server.port(), sharing.partners().size(), sharing.collections().size());
            out.println("Partner and collection changes in " + file + " apply to the next request.");
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return Main.OK;
    }
}
