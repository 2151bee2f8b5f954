package io.deploybus.emulator;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

@Factory
final class EmulatorFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** One thread moves every deploy of every service along. */
    @Singleton
    @Named(DeployLifecycle.SCHEDULER)
    @Bean(preDestroy = "shutdownNow")
    ScheduledExecutorService deployLifecycleScheduler() {
        return new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name(DeployLifecycle.SCHEDULER).daemon().factory());
    }
}
