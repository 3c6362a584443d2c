package dev.graft.routing.internal.failure;

import dev.graft.api.FailureCode;
import dev.graft.api.route.dto.FailureDTO;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;

/**
 * What the router rejected, kept as state for {@code graft:routes} and the admin API until the
 * culprit is fixed or gone: one entry per subject, replaced when the same subject fails again.
 */
@Component(service = Rejections.class)
public class Rejections {

    private final Map<String, FailureDTO> bySubject = new ConcurrentHashMap<>();

    /** Records a rejection of {@code subject}, replacing an earlier one. */
    public void reject(FailureCode code, String subject, String message) {
        reject(code, subject, 0, message);
    }

    /** Records a rejection of a route service, replacing an earlier one of the same subject. */
    public void reject(FailureCode code, String subject, long serviceId, String message) {
        FailureDTO failure = new FailureDTO();
        failure.serviceId = serviceId;
        failure.code = code.name();
        failure.subject = subject;
        failure.message = message;
        failure.since = System.currentTimeMillis();
        bySubject.put(subject, failure);
    }

    /** The subject is fixed or gone. */
    public void clear(String subject) {
        bySubject.remove(subject);
    }

    /** @return the rejections, oldest first */
    public List<FailureDTO> all() {
        return bySubject.values().stream().sorted(Comparator.comparingLong((FailureDTO f) -> f.since)
                .thenComparing(f -> f.subject)).toList();
    }
}
