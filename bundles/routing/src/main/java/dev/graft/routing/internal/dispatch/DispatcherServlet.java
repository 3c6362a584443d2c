package dev.graft.routing.internal.dispatch;

import dev.graft.routing.internal.jetty.JettyDirect;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The one servlet Graft puts on the Servlet Whiteboard, at {@code /*}: it hands every request to
 * the {@link Dispatcher}. Requests for Graft's routes usually reach the dispatcher earlier,
 * straight from Jetty ({@link JettyDirect}, which this servlet shows the way to Jetty's server);
 * this servlet serves the rest — paths no route matches get Graft's JSON {@code 404} here — and
 * everything when that shortcut is off.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("graft-dispatcher")
@HttpWhiteboardServletPattern("/*")
public class DispatcherServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Dispatcher dispatcher;
    private final transient JettyDirect direct;

    @Activate
    public DispatcherServlet(@Reference Dispatcher dispatcher, @Reference JettyDirect direct) {
        this.dispatcher = dispatcher;
        this.direct = direct;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        direct.offer(request);
        dispatcher.dispatch(new ServletWire(request, response));
    }
}
