package dev.initlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code initlab} command line: dispatches to one {@link Command} per sub-command. */
public final class Main {
    private Main() {
    }

    /** Registered commands, in help order. Each concern adds its own command class here. */
    static Map<String, Command> commands() {
        Map<String, Command> m = new LinkedHashMap<>();
        for (Command c : List.<Command>of(new RunCommand(), new FillCommand(), new VerifyCommand(),
                new BenchCommand(), new ExperimentCommand(), new ReportCommand(), new CompareCommand(),
                new CalibrateCommand(), new ConformanceCommand(), new ListCommand(), new SpecCommand(), new InitCommand())) {
            m.put(c.name(), c);
        }
        return m;
    }

    public static void main(String[] argv) {
        int code = run(argv, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs a command line and returns the exit code (used by tests too). */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        Map<String, Command> cmds = commands();
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
            if (argv.length > 1 && cmds.containsKey(argv[1])) {
                out.println(cmds.get(argv[1]).help());
                return 0;
            }
            out.println(usage(cmds));
            return argv.length == 0 ? 2 : 0;
        }
        if (argv[0].equals("--version") || argv[0].equals("version")) {
            out.println(version());
            return 0;
        }
        Command c = cmds.get(argv[0]);
        if (c == null) {
            err.println("initlab: unknown command '" + argv[0] + "'\n" + usage(cmds));
            return 2;
        }
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println(c.help());
            return 0;
        }
        try {
            return c.run(Args.parse(rest, flagsOf(c)), out, err);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("initlab " + c.name() + ": error: " + oneLine(OptionSpelling.message(e)));
            return 2;
        } catch (IOException e) {
            err.println("initlab " + c.name() + ": error: " + oneLine(String.valueOf(e.getMessage())));
            return 2;
        } catch (OutOfMemoryError e) {
            err.println("initlab " + c.name() + ": error: out of memory; raise the heap with INITLAB_JVM_OPTS=-Xmx16g");
            return 2;
        } catch (Exception e) {
            err.println("initlab " + c.name() + ": internal error (a bug, please report): " + e);
            e.printStackTrace(err);
            return 3;
        }
    }

    private static Set<String> flagsOf(Command c) {
        return c instanceof FlagAware f ? f.flags() : Set.of();
    }

    private static String oneLine(String s) {
        return s == null ? "(no message)" : dev.initlab.io.InputException.printable(s.replace('\n', ' '));
    }

    /** {@code --version}: version, commit, JDK, vector shape and generator version. */
    static String version() {
        String shape;
        try {
            shape = dev.initlab.fill.VectorEngine.describeShape();
        } catch (RuntimeException | LinkageError e) {
            shape = "unavailable (" + e.getClass().getSimpleName() + ")";
        }
        return "initlab " + dev.initlab.io.BuildInfo.version() + " (commit " + dev.initlab.io.BuildInfo.commit() + ")\n"
                + "JDK " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", " + System.getProperty("java.home")
                + ")\n"
                + "vector shape: " + shape + "\n"
                + "generator: Philox4x32-10, layout and transforms version " + dev.initlab.random.PhiloxStream.GENERATOR_VERSION;
    }

    static String usage(Map<String, Command> cmds) {
        StringBuilder sb = new StringBuilder();
        sb.append("initlab: prove weight initializers correct, make them fast, publish the evidence.\n\n");
        sb.append("usage: ./initlab COMMAND [options]     (./initlab COMMAND --help for details; --version)\n\ncommands:\n");
        for (Command c : cmds.values()) {
            sb.append(String.format("  %-11s %s%n", c.name(), c.summary()));
        }
        sb.append("\nexit codes: 0 ok, 1 a check failed, 2 bad usage or unreadable input");
        return sb.toString();
    }

    /** Commands with boolean options declare them so the parser knows they take no value. */
    public interface FlagAware {
        Set<String> flags();
    }
}
