package dev.graft.api;

/**
 * Graft's failure codes: one per way a request or a module can fail, each with the HTTP status a
 * client receives (0 when the failure is reported — log, shell, DTOs — but never sent as an answer)
 * and a one-line meaning. Error bodies are {@code {"error":"<code>","message":…}}.
 *
 * <p>New codes are added in minor versions; a code is never renamed or removed within a major one.
 *
 * @since 1.0
 */
public enum FailureCode {

    /** No route for the request's method and path. */
    E_NO_ROUTE(404, "no route serves this method and path"),
    /** Routes serve the path, but not with this method; the answer carries {@code Allow}. */
    E_METHOD_NOT_ALLOWED(405, "the path is served, but not with this method"),
    /** No active version matches the request's {@code X-API-Version}. */
    E_NO_SUCH_VERSION(404, "no active version of the route matches X-API-Version"),
    /** {@code X-API-Version} is not a version. */
    E_BAD_VERSION(400, "X-API-Version is not a version"),
    /** The route is being updated and did not return in time, or too many requests already wait for it. */
    E_UNAVAILABLE(503, "the route is being updated; try again (see Retry-After)"),
    /** The route threw; the module is named, the details are in the log. */
    E_ROUTE_FAILED(500, "the route threw an exception"),
    /** The route did not answer within {@code route.timeout.millis}. */
    E_ROUTE_TIMEOUT(504, "the route did not answer in time"),
    /** A middleware threw; the module is named, the details are in the log. */
    E_MIDDLEWARE_FAILED(500, "a middleware threw an exception"),
    /** The request is malformed (its body, its framing). */
    E_BAD_REQUEST(400, "the request is malformed"),
    /** The request body is larger than {@code graft.http.maxBodyBytes}. */
    E_BODY_TOO_LARGE(413, "the request body is larger than the server accepts"),
    /** The request line and headers are larger than {@code graft.http.maxHeaderBytes}. */
    E_HEADERS_TOO_LARGE(431, "the request headers are larger than the server accepts"),
    /** Graft itself could not answer (for example it ran out of memory); see the log. */
    E_INTERNAL(500, "Graft failed to answer; see the log"),
    /** Another module already serves this method and path; this route waits (shell, DTOs, log). */
    E_ROUTE_CONFLICT(0, "another module already serves this method and path"),
    /** A route service's properties cannot be served (shell, DTOs, log). */
    E_ROUTE_INVALID(0, "the route's method or path is invalid"),
    /** A configuration was rejected; the rest of the configuration applies (shell, DTOs, log). */
    E_CONFIG_INVALID(0, "a configuration value is invalid and was ignored"),
    /** Something did not finish within its time limit, e.g. requests draining from a withdrawn route. */
    E_TIMEOUT(0, "an operation did not finish within its time limit"),
    /**
     * A deployed file is not a whole zip archive (truncated, corrupt, not a jar at all); it is ignored
     * until a good file replaces it. @since 1.1
     */
    E_CORRUPT_ARCHIVE(0, "the file is not a whole jar (zip) archive"),
    /** A deployed jar has no manifest, or no {@code Bundle-SymbolicName} or valid {@code Bundle-Version}. @since 1.1 */
    E_NO_MANIFEST(0, "the jar has no bundle manifest (Bundle-SymbolicName and Bundle-Version)"),
    /** The module's name and version are already installed from another file, or deployed with other content. @since 1.1 */
    E_DUPLICATE(0, "this module name and version is already installed from another file"),
    /** The jar holds class files for a newer Java than the one Graft runs on. @since 1.1 */
    E_CLASS_VERSION(0, "the jar holds classes for a newer Java than this runtime"),
    /** The module needs a package or capability no installed bundle provides in the range it asks for. @since 1.1 */
    E_UNRESOLVED(0, "a package or capability the module needs is missing"),
    /** The module's activator or one of its components threw while starting. @since 1.1 */
    E_START_FAILED(0, "the module failed to start: its activator or a component threw"),
    /** The module started but its components or routes did not become active in time. @since 1.1 */
    E_UNHEALTHY(0, "the module did not become healthy (components active, routes registered) in time"),
    /** A canary answered too many 5xx (or too many in a row) compared with the version it replaces. @since 1.1 */
    E_ERROR_RATE(0, "the new version failed too many requests and was cut off"),
    /** The jar would install or replace one of the runtime's own bundles (system/) or the framework. @since 1.1 */
    E_PROTECTED(0, "modules cannot install or replace a bundle of the Graft runtime"),
    /**
     * Module code called {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt}; the call
     * threw {@link ExitRefusedException} instead, and the JVM keeps running. @since 1.1
     */
    E_EXIT_REFUSED(500, "a module tried to end the JVM; the call was refused"),
    /**
     * With {@code signature.policy=require}: the jar is not signed, its signer is not in the trust store
     * ({@code etc/trust/}), or an entry was changed or added after signing. @since 1.1
     */
    E_SIGNATURE(0, "the jar is not signed by a trusted certificate, or was changed after signing"),
    /** The route requires authentication and the request carries no credentials; with {@code WWW-Authenticate}. @since 1.2 */
    E_AUTH_MISSING(401, "the route requires credentials and the request has none"),
    /** The request's credentials are not valid (unknown key, bad signature, wrong issuer or audience …). @since 1.2 */
    E_AUTH_INVALID(401, "the request's credentials are not valid"),
    /** The request's token has expired (or is not valid yet). @since 1.2 */
    E_AUTH_EXPIRED(401, "the request's token has expired or is not valid yet"),
    /** The credentials are valid but lack a role or scope the route's policy requires. @since 1.2 */
    E_AUTH_FORBIDDEN(403, "the credentials are valid but lack a required role or scope"),
    /**
     * Authentication is required but the authentication bundle is not running (fail closed), or no
     * authenticator the policy accepts is available. @since 1.2
     */
    E_AUTH_UNAVAILABLE(503, "authentication is required but not available; try again (see Retry-After)"),
    /** The principal or key sent more requests than its policy's rate limit allows; with {@code Retry-After}. @since 1.2 */
    E_RATE_LIMITED(429, "too many requests for this principal; try again (see Retry-After)"),
    /** A native library's file is missing (not in deploy/native/, not in the bundle), or no version of it serves. @since 1.2 */
    E_NATIVE_MISSING(503, "the native library is missing or not loaded"),
    /** A native library's file is not a shared library for this operating system and architecture. @since 1.2 */
    E_NATIVE_ARCH(0, "the file is not a shared library for this operating system and architecture"),
    /** A native library lacks a function the interface bound to it needs. @since 1.2 */
    E_NATIVE_SYMBOL(0, "the native library lacks a function the bound interface needs"),
    /** A native library's ABI/version symbol is missing or does not give the version its descriptor names. @since 1.2 */
    E_NATIVE_ABI(0, "the native library's ABI version is not the one declared"),
    /** An isolated native library crashed during the call (its worker died and is restarted). @since 1.2 */
    E_NATIVE_CRASHED(502, "the native library crashed during the call; its worker restarts"),
    /** A call into an isolated native library did not return in time (its worker is restarted). @since 1.2 */
    E_NATIVE_TIMEOUT(504, "the native call did not return in time");

    private final int status;
    private final String meaning;

    FailureCode(int status, String meaning) {
        this.status = status;
        this.meaning = meaning;
    }

    /** @return the HTTP status a client receives with this code, or 0 if it is never sent to a client */
    public int status() {
        return status;
    }

    /** @return what the code means, in one line */
    public String meaning() {
        return meaning;
    }

    /**
     * The JSON body of an error answer with this code.
     *
     * @param message what happened, in one sentence; names the culprit (route, module, limit)
     * @return {@code {"error":"<code>","message":"<message>"}}
     */
    public String errorBody(String message) {
        StringBuilder json = new StringBuilder(48 + message.length()).append("{\"error\":\"").append(name())
                .append("\",\"message\":");
        return quote(json, message).append('}').toString();
    }

    /**
     * Appends a JSON string literal.
     *
     * @param json where to append
     * @param text the text, escaped as JSON requires
     * @return {@code json}
     */
    public static StringBuilder quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
