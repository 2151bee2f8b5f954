package io.deploybus.testkit;

/**
 * The services render-emulator is seeded with by default ({@code seed/services.yml} in its
 * resources), for tests and the local stack. Each starts with one live deploy.
 */
public final class EmulatorSeed {

    /** The owner (workspace) of every seeded service. */
    public static final String OWNER = "tea-emuteam0000000000001";
    /** checkout-api: a Git-backed web service whose deploys go live. */
    public static final String HEALTHY_SERVICE = "srv-emucheckoutapi000001";
    /** billing-api: another Git-backed web service whose deploys go live. */
    public static final String SECOND_HEALTHY_SERVICE = "srv-emubillingapi0000002";
    /** storefront: an image-backed web service; its deploys carry {@code commit: null}. */
    public static final String IMAGE_SERVICE = "srv-emustorefront0000003";
    /** broken-build: every deploy ends {@code build_failed}. */
    public static final String FAILING_BUILD_SERVICE = "srv-emubrokenbuild000004";
    /** archived-landing: suspended. */
    public static final String SUSPENDED_SERVICE = "srv-emususpended00000005";

    private EmulatorSeed() {
    }
}
