package dev.initlab.cli;

import dev.initlab.init.Catalog;
import java.io.PrintStream;

/** {@code initlab list}: the scheme catalog. */
final class ListCommand implements Command {
    @Override public String name() { return "list"; }
    @Override public String summary() { return "list the schemes in the catalog, their aliases and parameters"; }

    @Override
    public String help() {
        return "usage: ./initlab list\n\nPrints every scheme: canonical name, aliases, origin (torch/keras/all), "
                + "parameters with defaults, and the formula.";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        args.checkNoneLeft();
        for (Catalog.SchemeEntry e : Catalog.entries()) {
            out.printf("%-18s %-6s %s%n", e.name(), e.origin(), e.summary());
            if (!e.aliases().isEmpty()) {
                out.printf("%-18s        aliases: %s%n", "", String.join(", ", e.aliases()));
            }
            if (!e.params().isEmpty()) {
                out.printf("%-18s        params:  %s%n", "", options(e.params()));
            }
            if (e.origin().equals("keras")) {
                out.printf("%-18s        layout:  keras unless --layout is given (kernels (k..., in, out))%n", "");
            }
        }
        out.println();
        out.println("Names are case-insensitive and '-' equals '_'; Keras class names (GlorotUniform, HeNormal,");
        out.println("RandomNormal, TruncatedNormal, VarianceScaling, ...) resolve to the Keras entries above, with");
        out.println("Keras' defaults. Schemes of origin keras read fans in the keras layout unless --layout is given.");
        return 0;
    }

    /** The catalog's {@code low=0 high=1} as the command line spells it: {@code --low 0 --high 1}. */
    static String options(String params) {
        StringBuilder sb = new StringBuilder();
        for (String kv : params.split(" ")) {
            int eq = kv.indexOf('=');
            sb.append(sb.isEmpty() ? "" : " ").append(OptionSpelling.option(kv.substring(0, eq))).append(' ')
                    .append(kv.substring(eq + 1));
        }
        return sb.toString();
    }
}
