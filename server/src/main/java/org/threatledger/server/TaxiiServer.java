package org.threatledger.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.threatledger.server.api.RequestBodies;
import org.threatledger.server.api.RestApi;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.taxii.Authenticator;
import org.threatledger.taxii.DisclosureLog;
import org.threatledger.taxii.Endpoint;
import org.threatledger.taxii.FailedAuthLimiter;
import org.threatledger.taxii.LiveSharingConfig;
import org.threatledger.taxii.Partner;
import org.threatledger.taxii.SharingConfig;
import org.threatledger.taxii.TaxiiException;
import org.threatledger.taxii.TaxiiRequest;
import org.threatledger.taxii.TaxiiResponse;
import org.threatledger.taxii.TaxiiService;

/**
 * The HTTP composition root for sharing: Javalin 7 on Jetty 12 with virtual threads, the TAXII 2.1
 * service mounted at {@code /taxii2/} and the JSON API ({@link RestApi}) at {@code /api}. This class does only what is HTTP: failed-auth rate limiting
 * per client address (429), authentication (401 with {@code WWW-Authenticate}), the maximum content
 * length (413), TLS, and writing the service's answer. Every error, including unknown paths and
 * methods and anything unforeseen, leaves as the TAXII error resource without internal text.
 */
public final class TaxiiServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TaxiiServer.class.getName());
    private static final String ANSWERED = "threatledger.taxii.answered";
    private static final String CHALLENGE = "Basic realm=\"threatledger\", charset=\"UTF-8\", Bearer realm=\"threatledger\"";

    private final Javalin app;
    private final List<String> routes;

    private TaxiiServer(Javalin app, List<String> routes) {
        this.app = app;
        this.routes = List.copyOf(routes);
    }

    /** Starts serving a fixed configuration without a hunt history; port 0 picks a free port (see {@link #port()}). */
    public static TaxiiServer start(String bind, int port, SharingConfig config, KnowledgeStore store, DisclosureLog log) {
        return start(bind, port, () -> config, store, log, null);
    }

    /** Starts serving a fixed configuration with the hunt history in {@code historyDir} (null: none). */
    public static TaxiiServer start(String bind, int port, SharingConfig config, KnowledgeStore store, DisclosureLog log,
                                    Path historyDir) {
        return start(bind, port, () -> config, store, log, historyDir);
    }

    /** Starts serving the configuration {@code sharing} gives at each request, without a hunt history. */
    public static TaxiiServer start(String bind, int port, Supplier<SharingConfig> sharing, KnowledgeStore store,
                                    DisclosureLog log) {
        return start(bind, port, sharing, store, log, null);
    }

    /**
     * Starts serving the configuration {@code sharing} gives at each request (a {@link LiveSharingConfig}:
     * partners, agreements and collections change without a restart). Address, port, TLS, the
     * request size limit and the failed-auth limits are taken from it once, now. {@code historyDir} is
     * the hunt history the API's hunts record into and its imports retro-hunt against (null: none).
     */
    public static TaxiiServer start(String bind, int port, Supplier<SharingConfig> sharing, KnowledgeStore store,
                                    DisclosureLog log, Path historyDir) {
        SharingConfig config = sharing.get();
        TaxiiService service = new TaxiiService(sharing, store, log, (endpoint, request, e) ->
                LOG.log(System.Logger.Level.ERROR, "TAXII " + endpoint + " request " + request.requestId() + " failed", e));
        Authenticator auth = new Authenticator(() -> sharing.get().partners());
        FailedAuthLimiter limiter = new FailedAuthLimiter(config.maxFailedAuth(), config.failedAuthWindowSeconds() * 1000L);
        Gate gate = new Gate(service, auth, limiter, config.maxContentLength());
        List<String> routes = new CopyOnWriteArrayList<>();
        Javalin app = Javalin.create(cfg -> {
            cfg.events.handlerAdded(h -> {
                if (h.getHttpMethod().isHttpMethod()) {
                    routes.add(h.getHttpMethod().name() + " " + h.getPath());
                }
            });
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = config.maxContentLength();
            cfg.jetty.host = bind;
            cfg.jetty.port = port;
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new TaxiiErrorHandler()));
            cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new TaxiiErrorHandler()));
            if (config.tlsKeystore() != null) {
                tls(cfg, bind, port, Path.of(config.tlsKeystore()), config.tlsPassword());
            }
            for (Endpoint e : Endpoint.values()) {
                Handler h = ctx -> gate.serve(e, ctx);
                String path = "/taxii2" + e.path();
                switch (e.method()) {
                    case "GET" -> cfg.routes.get(path, h);
                    case "POST" -> cfg.routes.post(path, h);
                    case "DELETE" -> cfg.routes.delete(path, h);
                    default -> throw new IllegalStateException("no route for method " + e.method());
                }
            }
            RestApi api = RestApi.mount(cfg.routes, config, store, log, auth, limiter, historyDir);
            // Error handlers run for every response with their status; the TAXII service's own 404s keep their words.
            cfg.routes.error(404, ctx -> {
                if (!api.answerUnrouted(ctx)) {
                    Gate.writeUnlessAnswered(ctx, TaxiiException.of(404, "no such TAXII resource"));
                }
            });
            cfg.routes.error(405, ctx -> {
                if (!api.answerUnrouted(ctx)) {
                    Gate.writeUnlessAnswered(ctx, TaxiiException.of(405, "method not allowed here"));
                }
            });
            cfg.routes.exception(TaxiiException.class, (e, ctx) -> Gate.write(ctx, TaxiiResponse.error(e)));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.log(System.Logger.Level.ERROR, "HTTP request " + ctx.path() + " failed", e);
                Gate.write(ctx, TaxiiResponse.error(TaxiiException.internal()));
            });
        });
        app.start();
        return new TaxiiServer(app, routes);
    }

    private static void tls(io.javalin.config.JavalinConfig cfg, String bind, int port, Path keystore, String password) {
        cfg.jetty.addConnector((server, httpConfig) -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(keystore.toAbsolutePath().toString());
            ssl.setKeyStorePassword(password);
            httpConfig.addCustomizer(new SecureRequestCustomizer());
            ServerConnector https = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(httpConfig));
            https.setHost(bind);
            https.setPort(port);
            return https;
        });
    }

    /** Every route the running server registered, as {@code "GET /api/stats"} (method, space, path pattern). */
    public List<String> routes() {
        return routes;
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** Bodies shorter than this leave uncompressed (gzip's header and a round trip's worth of bytes). */
    private static final long GZIP_FROM = 1500;

    /** gzip at the fastest level: a page compresses about as well as at the default level, at a third of the CPU. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** What stands between a request and the TAXII service. */
    private record Gate(TaxiiService service, Authenticator auth, FailedAuthLimiter limiter, long maxContentLength) {

        void serve(Endpoint endpoint, Context ctx) {
            String address = ctx.ip();
            long now = System.currentTimeMillis();
            if (limiter.blocked(address, now)) {
                write(ctx, TaxiiResponse.error(TaxiiException.of(429, "too many failed authentications; try later")));
                return;
            }
            Partner partner = auth.authenticate(ctx.header("Authorization")).orElse(null);
            if (partner == null) {
                limiter.recordFailure(address, now);
                ctx.header("WWW-Authenticate", CHALLENGE);
                refuseBody(ctx, TaxiiException.of(401, "valid credentials are required"));
                return;
            }
            if (RequestBodies.declaredOver(ctx, maxContentLength)) {
                refuseBody(ctx, tooLarge());
                return;
            }
            String requestId = UUID.randomUUID().toString();
            ctx.header("X-Request-Id", requestId);
            byte[] body = endpoint.method().equals("POST") ? read(ctx) : new byte[0];
            if (body == null) {
                refuseBody(ctx, tooLarge());
                return;
            }
            write(ctx, service.serve(endpoint, new TaxiiRequest(ctx.pathParamMap(), ctx.queryParamMap(),
                    ctx.header("Accept"), ctx.header("Content-Type"), new ByteArrayInputStream(body), partner, requestId)));
        }

        /**
         * Answers a request whose body will not be read. A server that answers and closes while the client
         * is still sending makes the client's TCP stack reset the connection, and the client loses the answer
         * it was sent. So a body of modest size is read and thrown away first ({@link RequestBodies#discard}); beyond 8 MB
         * the connection is closed without reading, which a client sees as a reset rather than a wasted upload.
         */
        private static void refuseBody(Context ctx, TaxiiException e) {
            RequestBodies.discard(ctx);
            write(ctx, TaxiiResponse.error(e));
        }

        private TaxiiException tooLarge() {
            return TaxiiException.of(413, "the body exceeds the maximum content length of " + maxContentLength + " bytes");
        }

        /** The body, read up to the limit; null when it is longer (a chunked body has no Content-Length). */
        private byte[] read(Context ctx) {
            try {
                return RequestBodies.readUpTo(ctx, maxContentLength);
            } catch (IOException e) {
                throw TaxiiException.of(400, "the body could not be read");
            }
        }

        static void writeUnlessAnswered(Context ctx, TaxiiException e) {
            if (ctx.attribute(ANSWERED) == null) {
                write(ctx, TaxiiResponse.error(e));
            }
        }

        /**
         * Writes the response chunk by chunk, never as one page-sized array (see {@link TaxiiResponse}),
         * gzipped at the fastest level when the client accepts gzip and the body is worth it: a page of
         * a thousand objects, most of a megabyte, then costs about a millisecond of CPU and leaves as a
         * twentieth of its size.
         */
        static void write(Context ctx, TaxiiResponse r) {
            ctx.attribute(ANSWERED, Boolean.TRUE);
            TaxiiService.commonHeaders().forEach(ctx::header);
            r.headers().forEach(ctx::header);
            ctx.status(r.status());
            ctx.contentType(r.mediaType());
            ctx.disableCompression();
            boolean gzip = r.length() >= GZIP_FROM && acceptsGzip(ctx.header("Accept-Encoding"));
            if (gzip) {
                ctx.header("Content-Encoding", "gzip");
                ctx.header("Vary", "Accept-Encoding");
            } else {
                ctx.header("Content-Length", Long.toString(r.length()));
            }
            try (OutputStream raw = ctx.outputStream(); OutputStream out = gzip ? new FastGzip(raw) : raw) {
                for (byte[] chunk : r.chunks()) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // The client went away while the answer was being written; nothing is left to tell it.
                LOG.log(System.Logger.Level.DEBUG, "response to " + ctx.path() + " not completed: " + e.getMessage());
            }
        }

        /** Whether an Accept-Encoding header (RFC 9110 §12.5.3) accepts gzip: listed, or {@code *}, with a q above 0. */
        static boolean acceptsGzip(String acceptEncoding) {
            if (acceptEncoding == null) {
                return false;
            }
            for (String item : acceptEncoding.split(",")) {
                String[] parts = item.trim().split(";");
                String coding = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
                if (coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) {
                    return !zeroQuality(parts);
                }
            }
            return false;
        }

        private static boolean zeroQuality(String[] parameters) {
            for (int i = 1; i < parameters.length; i++) {
                String p = parameters[i].trim().toLowerCase(java.util.Locale.ROOT);
                if (p.startsWith("q=")) {
                    try {
                        return Double.parseDouble(p.substring(2)) <= 0;
                    } catch (NumberFormatException e) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
