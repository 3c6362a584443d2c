package dev.graft.deploy.internal.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Explains why a bundle does not resolve, in one line, through the framework's API
 * ({@link FrameworkWiring#findProviders}): each mandatory requirement no installed bundle provides,
 * with the range asked for and which versions the runtime does have, from which bundle.
 */
public final class Unresolved {

    private static final Pattern PACKAGE = Pattern.compile("\\(osgi\\.wiring\\.package=([^)]+)\\)");
    private static final Pattern FLOOR = Pattern.compile("(?<!!)\\(version>=([^)]+)\\)");
    private static final Pattern CEILING = Pattern.compile("\\(!\\(version>=([^)]+)\\)\\)");
    private static final Pattern OPEN_FLOOR = Pattern.compile("\\(!\\(version<=([^)]+)\\)\\)");
    private static final Pattern CLOSED_CEILING = Pattern.compile("(?<!!)\\(version<=([^)]+)\\)");

    private Unresolved() {}

    /** @return what is missing, e.g. {@code package com.acme.db [1.0.0,2.0.0), which no bundle exports} */
    public static String explain(Bundle bundle, BundleContext context) {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        List<String> missing = new ArrayList<>();
        for (BundleRequirement requirement : revision == null ? List.<BundleRequirement>of() : revision.getDeclaredRequirements(null)) {
            if ("optional".equals(requirement.getDirectives().get(Constants.RESOLUTION_DIRECTIVE))
                    || "dynamic".equals(requirement.getDirectives().get(Constants.RESOLUTION_DIRECTIVE))) {
                continue;
            }
            if (!wiring.findProviders(requirement).isEmpty()) {
                continue;
            }
            missing.add(describe(requirement, context));
        }
        if (missing.isEmpty()) {
            return "it cannot be resolved although every requirement has a provider: the providers clash (a uses"
                    + " constraint, or a singleton already installed)";
        }
        return "it needs " + String.join("; and ", missing);
    }

    static String describe(BundleRequirement requirement, BundleContext context) {
        String filter = requirement.getDirectives().getOrDefault(Constants.FILTER_DIRECTIVE, "");
        if (!PackageNamespace.PACKAGE_NAMESPACE.equals(requirement.getNamespace())) {
            return requirement.getNamespace() + " " + filter + ", which nothing provides";
        }
        Matcher name = PACKAGE.matcher(filter);
        String pkg = name.find() ? name.group(1) : filter;
        String range = range(filter);
        TreeSet<String> available = new TreeSet<>();
        for (Bundle other : context.getBundles()) {
            BundleRevision revision = other.adapt(BundleRevision.class);
            if (revision == null || other.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            for (BundleCapability capability : revision.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                Map<String, Object> attributes = capability.getAttributes();
                if (pkg.equals(attributes.get(PackageNamespace.PACKAGE_NAMESPACE))) {
                    available.add(attributes.get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE) + " (from "
                            + other.getSymbolicName() + ":" + other.getVersion() + ")");
                }
            }
        }
        return "package " + pkg + " " + range + ", "
                + (available.isEmpty() ? "which no installed bundle exports"
                        : "but the runtime has only " + String.join(", ", available));
    }

    // the version range of a package filter, as OSGi writes it: [1.0.0,2.0.0)
    static String range(String filter) {
        String floor = first(FLOOR, filter);
        String openFloor = first(OPEN_FLOOR, filter);
        String ceiling = first(CEILING, filter);
        String closedCeiling = first(CLOSED_CEILING, filter);
        if (floor == null && openFloor == null && ceiling == null && closedCeiling == null) {
            return "(any version)";
        }
        String low = floor != null ? "[" + floor : openFloor != null ? "(" + openFloor : "[0.0.0";
        String high = ceiling != null ? ceiling + ")" : closedCeiling != null ? closedCeiling + "]" : "∞)";
        return low + "," + high;
    }

    private static String first(Pattern pattern, String filter) {
        Matcher matcher = pattern.matcher(filter);
        return matcher.find() ? matcher.group(1) : null;
    }
}
