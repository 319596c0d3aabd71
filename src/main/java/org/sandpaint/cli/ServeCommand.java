package org.sandpaint.cli;

import org.sandpaint.engine.Engine;
import org.sandpaint.app.UserFolders;
import org.sandpaint.server.ApiServer;
import org.sandpaint.server.ServerSettings;
import picocli.CommandLine;
import sun.misc.Signal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Serves the Stable Diffusion WebUI's HTTP API (/sdapi/v1/...) until stopped with Ctrl+C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve the Stable Diffusion WebUI's HTTP API (/sdapi/v1/txt2img, img2img, progress, ...).")
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Mixin
    LoadOptions load = new LoadOptions();

    @Option(names = "--listen", defaultValue = "127.0.0.1:7860", paramLabel = "HOST:PORT",
            description = "Address and port (default: ${DEFAULT-VALUE}, this computer only; 0.0.0.0:7860 for the network).")
    String listen;

    @Option(names = "--api-auth", paramLabel = "USER:PASS[,USER2:PASS2]",
            description = "Require HTTP Basic authentication with one of these user:password pairs.")
    String apiAuth;

    @Option(names = "--cors-allow-origins", paramLabel = "ORIGINS",
            description = "Comma-separated browser origins allowed to call the API (\"*\" for any).")
    String corsOrigins;

    @Override
    public Integer call() throws Exception {
        List<String> origins = corsOrigins == null ? List.of()
                : Arrays.stream(corsOrigins.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        ServerSettings settings = ServerSettings.listen(listen, apiAuth, origins);
        if (!settings.loopbackOnly() && apiAuth == null) {
            System.err.println("warning: listening on " + settings.host() + " without --api-auth: anyone who can reach "
                    + "this port can use the server. Add --api-auth USER:PASS.");
        }
        Engine engine = Engine.open(load.model.folder(), load.engineOptions(UserFolders.forCurrentUser().modelHashCache()));
        ApiServer server;
        try {
            server = ApiServer.start(engine, settings);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        if (!engine.cudaFallbackReason().isEmpty()) {
            System.err.println("note: running on the CPU, CUDA is not available: " + engine.cudaFallbackReason());
        }
        System.err.println("Model " + engine.model().name() + " on " + engine.provider());
        System.out.println("Serving the WebUI API on http://" + hostForUrl(settings.host()) + ":" + server.port()
                + "/sdapi/v1/ (Ctrl+C stops)");
        awaitStopSignal();
        System.err.println("Stopping: the running job is interrupted, waiting ones are refused.");
        server.close();
        engine.close();
        return 0;
    }

    /**
     * Waits for Ctrl+C or SIGTERM. The stop happens here, not in a shutdown hook: ONNX Runtime releases its
     * environment in its own hook, concurrently with any other hook, so a job still running then crashes the
     * JVM (measured). Closing the server and the engine first leaves that hook nothing in flight.
     * A second signal exits at once.
     */
    private static void awaitStopSignal() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                if (stop.getCount() == 0) {
                    System.exit(130);
                }
                stop.countDown();
            });
        }
        stop.await();
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
