package dev.initlab.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Bad user input: a malformed, truncated or unsupported file, or a file that cannot be read or
 * written. The message is a single line that names the file and says what is wrong, fit to be
 * shown to a user as is (no stack trace needed).
 */
public class InputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception; line breaks in the message are replaced by spaces.
     *
     * @param message what is wrong, naming the file
     */
    public InputException(String message) {
        super(oneLine(message));
    }

    /**
     * Creates an exception with a cause; line breaks in the message are replaced by spaces.
     *
     * @param message what is wrong, naming the file
     * @param cause the underlying failure
     */
    public InputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** {@code "<path>: <detail>"}. */
    static InputException at(Path path, String detail) {
        return new InputException(path + ": " + detail);
    }

    /** A read failure: {@code "<path>: cannot read: <reason>"}. */
    static InputException cannotRead(Path path, IOException e) {
        return new InputException(path + ": cannot read: " + reason(e), e);
    }

    /** A write failure: {@code "cannot write <path>: <reason>"}. */
    static InputException cannotWrite(Path path, String reason, Throwable cause) {
        return new InputException("cannot write " + path + ": " + reason, cause);
    }

    /** A short human reason for an I/O failure, without the path the JDK repeats. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "invalid input";
        }
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
