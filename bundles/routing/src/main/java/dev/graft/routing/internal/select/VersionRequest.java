package dev.graft.routing.internal.select;

import org.osgi.framework.Version;

/**
 * The value of {@code X-API-Version}: {@code 2} asks for the highest 2.x, {@code 1.1} for the
 * highest 1.1.x, {@code 1.0.0} (or longer) for exactly that version.
 */
public final class VersionRequest {

    private final String text;
    private final int parts;
    private final Version version;

    private VersionRequest(String text, int parts, Version version) {
        this.text = text;
        this.parts = parts;
        this.version = version;
    }

    /** @throws IllegalArgumentException if the text is not a version */
    public static VersionRequest parse(String text) {
        String trimmed = text.trim();
        int parts = trimmed.isEmpty() ? 0 : trimmed.split("\\.", -1).length;
        try {
            return new VersionRequest(trimmed, parts, Version.parseVersion(trimmed));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a version (try 2, 1.1 or 1.0.0)");
        }
    }

    public boolean matches(Version candidate) {
        return switch (parts) {
            case 1 -> candidate.getMajor() == version.getMajor();
            case 2 -> candidate.getMajor() == version.getMajor() && candidate.getMinor() == version.getMinor();
            default -> candidate.equals(version);
        };
    }

    @Override
    public String toString() {
        return switch (parts) {
            case 1 -> version.getMajor() + ".x";
            case 2 -> version.getMajor() + "." + version.getMinor() + ".x";
            default -> text;
        };
    }
}
