package io.deploybus.api.deploy;

import io.deploybus.schemas.avro.EnvVarAction;

/** One validated change to a service's env vars, as the client asked for it: value still in clear. */
sealed interface EnvVarEdit {

    String key();

    EnvVarAction action();

    /** Set the variable to a value. */
    record Set(String key, SecretValue value) implements EnvVarEdit {
        @Override
        public EnvVarAction action() {
            return EnvVarAction.SET;
        }
    }

    /** Remove the variable. */
    record Delete(String key) implements EnvVarEdit {
        @Override
        public EnvVarAction action() {
            return EnvVarAction.DELETE;
        }
    }

    /** Let Render generate a random value for the variable. */
    record Generate(String key) implements EnvVarEdit {
        @Override
        public EnvVarAction action() {
            return EnvVarAction.GENERATE;
        }
    }
}
