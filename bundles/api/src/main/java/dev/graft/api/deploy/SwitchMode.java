package dev.graft.api.deploy;

/**
 * How traffic moves to a new version once it is healthy.
 *
 * @since 1.0
 */
public enum SwitchMode {
    /** All traffic moves at once; the old version drains and is removed. The default. */
    IMMEDIATE,
    /**
     * The new version gets a share of traffic (the canary weight) beside the old one for the
     * canary window; if its error rate stays within bounds it then takes everything, else its
     * circuit opens and it is rolled back ({@code E_ERROR_RATE}).
     */
    CANARY,
    /** The new version waits on standby, taking no traffic, until an operator promotes it. */
    MANUAL
}
