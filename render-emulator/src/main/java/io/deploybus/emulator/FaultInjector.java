package io.deploybus.emulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Singleton;

/** The faults set through the control API, first set first; each request meets at most one. */
@Singleton
final class FaultInjector {

    private final List<Active> rules = new ArrayList<>();

    synchronized void add(FaultRule rule) {
        rules.add(new Active(rule.checked(), rule.count()));
    }

    synchronized List<FaultRule> active() {
        return rules.stream().map(Active::rule).toList();
    }

    synchronized void clear() {
        rules.clear();
    }

    /** The fault this request meets, if any; a counted rule is used up by it. */
    synchronized Optional<FaultRule> next(String method, String path) {
        for (Iterator<Active> it = rules.iterator(); it.hasNext(); ) {
            Active active = it.next();
            if (!active.rule.matches(method, path)) {
                continue;
            }
            Double share = active.rule.share();
            if (share != null && ThreadLocalRandom.current().nextDouble() >= share) {
                continue;
            }
            if (active.left != null && --active.left == 0) {
                it.remove();
            }
            return Optional.of(active.rule);
        }
        return Optional.empty();
    }

    private static final class Active {
        private final FaultRule rule;
        private Integer left;

        private Active(FaultRule rule, Integer left) {
            this.rule = rule;
            this.left = left;
        }

        private FaultRule rule() {
            return rule;
        }
    }
}
