package dev.initlab.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What build is running: the project version (from the build, {@code dev/initlab/build.properties}) and
 * the git commit of the checkout it was run from (read from {@code .git} beside the launcher, no git
 * process; "unknown" outside a checkout). Printed by {@code --version} and recorded in outputs.
 */
public final class BuildInfo {
    private BuildInfo() {
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/initlab/build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The commit (40 hex digits) checked out in the project's home, or {@code unknown}. */
    public static String commit() {
        String home = System.getProperty("initlab.home", System.getProperty("user.dir"));
        try {
            return commitOf(Path.of(home));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String commitOf(Path root) throws IOException {
        Path git = root.resolve(".git");
        if (Files.isRegularFile(git)) { // a worktree: "gitdir: PATH"
            String line = Files.readString(git, StandardCharsets.UTF_8).strip();
            if (!line.startsWith("gitdir:")) {
                return "unknown";
            }
            git = root.resolve(line.substring(7).strip());
        }
        if (!Files.isDirectory(git)) {
            return "unknown";
        }
        String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).strip();
        if (!head.startsWith("ref:")) {
            return head.matches("[0-9a-f]{40}") ? head : "unknown";
        }
        String ref = head.substring(4).strip();
        Path common = git;
        Path commonFile = git.resolve("commondir");
        if (Files.isRegularFile(commonFile)) {
            common = git.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).strip()).normalize();
        }
        for (Path dir : new Path[] {git, common}) {
            Path loose = dir.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return Files.readString(loose, StandardCharsets.UTF_8).strip();
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String l : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                if (l.endsWith(" " + ref)) {
                    return l.substring(0, l.indexOf(' '));
                }
            }
        }
        return "unknown";
    }
}
