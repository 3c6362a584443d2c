package dev.graft.routing.internal.dispatch;

import dev.graft.api.FailureCode;
import java.util.List;

/** The JSON error bodies of the router's answers. */
final class JsonText {

    private JsonText() {}

    /** @return {@code {"error":code,"message":message}} plus {@code "module"} when not null */
    static String error(FailureCode code, String message, String module) {
        String body = code.errorBody(message);
        if (module == null) {
            return body;
        }
        StringBuilder json = new StringBuilder(body);
        json.setLength(json.length() - 1); // reopen the object for one more member
        return FailureCode.quote(json.append(",\"module\":"), module).append('}').toString();
    }

    /** @return an {@link FailureCode#E_NO_SUCH_VERSION} body listing the versions that exist */
    static String noSuchVersion(String message, List<String> versions) {
        StringBuilder json = new StringBuilder(error(FailureCode.E_NO_SUCH_VERSION, message, null));
        json.setLength(json.length() - 1);
        json.append(",\"versions\":[");
        for (int i = 0; i < versions.size(); i++) {
            FailureCode.quote(i == 0 ? json : json.append(','), versions.get(i));
        }
        return json.append("]}").toString();
    }
}
