package io.quarkiverse.session.postgresql.testing;

import java.util.List;

/**
 * PostgreSQL did not come up: the message holds its address, its command line and the tail of what it logged this
 * time; {@link #portTaken} tells whether another process had taken the port, which a new port would avoid.
 */
final class StartupFailure extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    final boolean portTaken;

    /**
     * @param address the server's host and port
     * @param what what went wrong
     * @param commandLine how the server was started
     * @param directory the server's directory, with its log
     * @param logStart the size of the log before this start: only what was logged since is shown
     */
    StartupFailure(String address, String what, List<String> commandLine, ServerDirectory directory, long logStart) {
        super("PostgreSQL on " + address + " " + what + "\ncommand line: " + String.join(" ", commandLine)
                + "\nlast lines of " + directory.log() + ":\n" + directory.logTail(logStart));
        this.portTaken = directory.logTail(logStart).contains("Address already in use");
    }
}
