/**
 * Authentication: pluggable authenticators, the principal they produce, and the names of the
 * request attribute, route properties and service properties the authentication bundle
 * ({@code dev.graft.auth}) works with.
 *
 * <p>A module adds a way to authenticate by registering an {@link dev.graft.api.auth.Authenticator}
 * service with a {@link dev.graft.api.auth.Authenticator#NAME name}; operators' policies
 * ({@code etc/dev.graft.auth.policy-*.cfg}) say which authenticators a path accepts and which roles it
 * requires. The authenticated {@link dev.graft.api.auth.Principal} reaches the route as the request
 * attribute {@value dev.graft.api.auth.AuthConstants#PRINCIPAL_ATTRIBUTE}. A route may declare the roles
 * it needs as the service property {@value dev.graft.api.auth.AuthConstants#ROUTE_ROLES}.
 *
 * <p>{@link dev.graft.api.auth.AuthAdmin} is what the shell (and tools) use to see the policies, test a
 * request against them and add API keys.
 */
@Version("1.0.0")
package dev.graft.api.auth;

import org.osgi.annotation.versioning.Version;
