import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A baseline of bench/throughput.sh: a bare Jetty 12 core handler answering GET /hello with the
 * body Graft's hello module sends, in a standalone server. It is the level at which Graft's router
 * takes requests (bundles/http, RouterFirstHandler), with nothing else in the path: the ceiling for
 * any router on Jetty's core API. The Jetty version is Graft's (the root pom's jetty.version).
 *
 * <p>The server is set up exactly as in PlainJetty.java (Graft's defaults): QueuedThreadPool(200),
 * one ServerConnector with Jetty's default acceptors and selectors, sendServerVersion=false, 16 KiB
 * of request headers, 30 s idle timeout, every interface. The handler is a blocking
 * Handler.Abstract, as Graft's is, so Jetty dispatches it to a pool thread in both.
 *
 *   mvn -q -f bench/plain-jetty/pom.xml dependency:copy-dependencies -DoutputDirectory=target/lib
 *   java -cp 'bench/plain-jetty/target/lib/*' bench/plain-jetty/CoreHandler.java 18082
 */
public class CoreHandler {

    private static final byte[] BODY = "hello from 1.0.0".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        Server server = new Server(new QueuedThreadPool(200));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(16 * 1024);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setPort(Integer.parseInt(args[0]));
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);

        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (!"GET".equals(request.getMethod()) || !"/hello".equals(Request.getPathInContext(request))) {
                    return false; // Jetty answers 404
                }
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=UTF-8");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, BODY.length);
                response.write(true, ByteBuffer.wrap(BODY), callback);
                return true;
            }
        });
        server.start();
        System.out.println("bare Jetty " + Server.getVersion() + " core handler on " + connector.getLocalPort());
        server.join();
    }
}
