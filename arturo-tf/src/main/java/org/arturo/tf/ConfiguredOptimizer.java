package org.arturo.tf;

import java.util.Objects;

/**
 * A {@link GraphOptimizer} built from one immutable configuration, with its name and state name fixed
 * when it is created. Every optimizer of the library extends it, so each declares only its step.
 *
 * @param <C> the family's configuration
 */
public abstract class ConfiguredOptimizer<C> extends GraphOptimizer {
    private final C config;
    private final String name;
    private final String stateName;

    /**
     * @param config    the configuration, already validated by its builder
     * @param name      the name for logs and saved models, e.g. "Adam"
     * @param stateName the prefix of the state names, e.g. "adam"
     */
    protected ConfiguredOptimizer(C config, String name, String stateName) {
        this.config = Objects.requireNonNull(config, "config");
        this.name = Objects.requireNonNull(name, "name");
        this.stateName = Objects.requireNonNull(stateName, "stateName");
    }

    /** The configuration this optimizer runs with. */
    public final C config() {
        return config;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String stateName() {
        return stateName;
    }
}
