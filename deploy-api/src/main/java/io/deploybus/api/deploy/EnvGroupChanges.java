package io.deploybus.api.deploy;

import java.util.List;

/**
 * Validated env group changes.
 *
 * @param link   env groups (evg-...) to link to the service, in the order given
 * @param unlink env groups to unlink from it, none of them in {@code link}
 */
record EnvGroupChanges(List<String> link, List<String> unlink) {

    static final EnvGroupChanges NONE = new EnvGroupChanges(List.of(), List.of());

    EnvGroupChanges {
        link = List.copyOf(link);
        unlink = List.copyOf(unlink);
    }
}
