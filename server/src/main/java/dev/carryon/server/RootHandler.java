package dev.carryon.server;

import dev.carryon.core.ErrorCode;
import dev.carryon.server.api.ApiEndpoint;
import dev.carryon.server.http.Exchange;
import dev.carryon.server.http.MinimumDataRate;
import dev.carryon.server.http.RequestBody;
import dev.carryon.server.web.WebApp;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request enters here, on a virtual thread: CORS first, then the route for the path. Unexpected
 * failures become a bare 500; their details go to the log only.
 */
final class RootHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(RootHandler.class);

    private final Cors cors;
    private final UploadEndpoint uploads;
    private final ApiEndpoint api;
    private final WebApp webApp;
    private final Metrics metrics;
    private final MinimumDataRate minDataRate;

    RootHandler(Cors cors, UploadEndpoint uploads, ApiEndpoint api, WebApp webApp, Metrics metrics,
                MinimumDataRate minDataRate) {
        super(InvocationType.BLOCKING);
        this.minDataRate = minDataRate;
        this.cors = cors;
        this.uploads = uploads;
        this.api = api;
        this.webApp = webApp;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback, minDataRate);
        try {
            if (cors.apply(exchange)) {
                return true;
            }
            String path = exchange.path();
            if (uploads.owns(path)) {
                uploads.handle(exchange);
            } else if (api.owns(path)) {
                api.handle(exchange);
            } else if (webApp.owns(exchange)) {
                webApp.handle(exchange);
            } else if (path.equals("/healthz")) {
                exchange.sendText(200, "ok\n");
            } else if (path.equals("/metrics")) {
                exchange.send(200, "text/plain; version=0.0.4; charset=utf-8", metrics.render());
            } else {
                exchange.sendText(404, "Not found\n");
            }
        } catch (RequestBody.BrokenBodyException gone) {
            // The client went silent, vanished, or was displaced by a newer request for the upload. What
            // arrived is stored; closing the connection without an answer makes a client that is still
            // there retry (and ask for the offset), where any status would be misread.
            LOG.debug("request body broken off: {} {}", request.getMethod(), request.getHttpURI(), gone);
            if (gone.getCause() instanceof HttpException malformed) {
                // A body the client framed wrongly (a malformed chunk) is a bad request, not a server
                // failure: handing Jetty its own exception lets it answer with that exception's 4xx.
                exchange.abort((Throwable) malformed);
            } else {
                exchange.cutConnection();
                exchange.succeeded();
            }
        } catch (Throwable unexpected) {
            if (unexpected instanceof java.io.IOException && exchange.isCommitted()) {
                // Nearly always a client that went away while its response was being written.
                LOG.debug("response broken off: {} {}", request.getMethod(), request.getHttpURI(), unexpected);
                exchange.abort(unexpected);
                return true;
            }
            LOG.error("failed to handle {} {}", request.getMethod(), request.getHttpURI(), unexpected);
            if (exchange.isCommitted()) {
                exchange.abort(unexpected);
            } else {
                exchange.sendText(500, ErrorCode.INTERNAL.message() + "\n");
            }
        }
        return true;
    }
}
