package dev.initlab.cli;

import dev.initlab.model.InitSpec;
import java.io.PrintStream;
import java.util.List;

/** {@code initlab spec list|show NAME|check FILE}: the built-in init specs. */
final class SpecCommand implements Command {
    @Override public String name() { return "spec"; }

    @Override
    public String summary() {
        return "init specs (which scheme each tensor of a model has): list the built-ins, print one, check a file";
    }

    @Override
    public String help() {
        return """
            usage: ./initlab spec list
                   ./initlab spec show NAME       print a built-in spec as a file to start from
                   ./initlab spec check FILE      parse a spec file and report its rules (exit 2 on an error)

            An init spec says which scheme each tensor of a model is drawn from, one rule per line:
              PATTERN SCHEME [--param VALUE ...]      # comment
            PATTERN is a glob over tensor names (* any run of characters, ? one character); the first
            matching rule wins. SCHEME is a catalog scheme (./initlab list) or 'skip'. Parameters: the
            scheme's own (values may be arithmetic with sqrt() and n_layer, the number of h.N / layers.N
            blocks in the checkpoint, e.g. --std 0.02/sqrt(2*n_layer)), --layout torch|keras|jax,
            --fan-in N --fan-out M, and rank conditions: --ndim N / --min-ndim N on the tensor,
            --weight-ndim N / --weight-min-ndim N on its sibling weight (X.weight or X.kernel of X.bias).
            A 1-D X.bias whose scheme needs fans takes them from its sibling weight.

            Used by: ./initlab verify CHECKPOINT --spec NAME|FILE and ./initlab init --spec NAME|FILE.""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        List<String> pos = args.positionals();
        args.checkNoneLeft();
        if (pos.isEmpty()) {
            throw new IllegalArgumentException("give list, show NAME or check FILE (see --help)");
        }
        switch (pos.get(0)) {
            case "list" -> {
                if (pos.size() != 1) {
                    throw new IllegalArgumentException("spec list takes no arguments");
                }
                for (String n : InitSpec.BUILTINS) {
                    out.printf("%-14s %s%n", n, InitSpec.builtinSummary(n));
                }
            }
            case "show" -> {
                if (pos.size() != 2) {
                    throw new IllegalArgumentException("give one built-in spec name: " + String.join(", ", InitSpec.BUILTINS));
                }
                out.print(InitSpec.builtinText(pos.get(1)));
            }
            case "check" -> {
                if (pos.size() != 2) {
                    throw new IllegalArgumentException("give one spec file (or built-in name)");
                }
                InitSpec s = InitSpec.load(pos.get(1));
                out.println(s.name() + ": " + s.rules().size() + " rules");
                s.rules().forEach(r -> out.println("  " + r.where() + ": " + r.text()));
            }
            default -> throw new IllegalArgumentException("unknown spec action '" + pos.get(0)
                    + "' (list, show NAME or check FILE)");
        }
        return 0;
    }
}
