package io.deploybus.api.deploy;

/**
 * What the worker is to do when the deploy fails or times out.
 *
 * @param enabled           restore the config snapshot and roll back to the last live deploy
 * @param disableAutoDeploy also turn the service's auto-deploy off, so that the bad commit does not come straight back
 */
record RollbackSpec(boolean enabled, boolean disableAutoDeploy) {

    static final RollbackSpec DEFAULT = new RollbackSpec(true, false);
}
