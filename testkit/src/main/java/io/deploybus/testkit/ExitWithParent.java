package io.deploybus.testkit;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Runs another main class, and exits when the process that started it goes away.
 *
 * <p>The parent holds this process's standard input open; when the parent dies, even by
 * {@code kill -9}, the pipe closes and this process exits. So a test JVM that crashes leaves no
 * broker or service behind. Needs nothing but the JDK on the classpath.
 *
 * <p>Usage: {@code java -cp ... io.deploybus.testkit.ExitWithParent <main class> [args...]}
 */
public final class ExitWithParent {

    private ExitWithParent() {
    }

    public static void main(String[] args) throws Throwable {
        Thread watcher = new Thread(ExitWithParent::exitOnEndOfInput, "exit-with-parent");
        watcher.setDaemon(true);
        watcher.start();
        try {
            Class.forName(args[0]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitOnEndOfInput() {
        try {
            while (System.in.read() >= 0) {
                // The parent writes nothing; any byte is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end of input: the parent is gone.
        }
        System.exit(0);
    }
}
