package dev.graft.examples.whiteboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/** A whiteboard preprocessor: marks the responses it sees with {@code X-Whiteboard-Preprocessor}. */
@Component(service = Preprocessor.class)
public class MarkPreprocessor implements Preprocessor {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ((HttpServletResponse) response).setHeader("X-Whiteboard-Preprocessor", "seen");
        chain.doFilter(request, response);
    }
}
