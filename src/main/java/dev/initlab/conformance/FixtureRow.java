package dev.initlab.conformance;

/**
 * One row of a framework's {@code manifest.csv}, as written by the generator scripts
 * ({@code conformance/torch/dump_torch.py}, {@code conformance/tfjs/dump_tfjs.js},
 * {@code conformance/dl4j/DumpDl4j.java}).
 *
 * @param id row id, e.g. {@code torch-012}
 * @param framework framework name ({@code pytorch}, {@code tensorflow.js}, {@code deeplearning4j})
 * @param version the framework version the dump came from
 * @param initializer the function or layer called, in the framework's spelling
 * @param parameters its non-default parameters ({@code k=v;k=v}; empty for defaults)
 * @param shape_name grid entry ({@code dense_oi}, {@code conv}, {@code big}...)
 * @param shape the tensor shape, e.g. {@code 32x16x3x3}
 * @param file the {@code .npy} file next to the manifest; empty when the framework raised an error
 * @param claim_scheme the catalog scheme that expresses the documented law
 * @param claim_params its parameters ({@code k=v;k=v})
 * @param claim_fans {@code torch}, {@code keras} or {@code jax} (fans read off the shape by that rule),
 *     {@code IN/OUT} (explicit fans), or empty (no fans)
 * @param claimed_law the documented law in words
 * @param reference the documentation page or source file and version that states the law
 * @param basis {@code doc} (the framework's documentation), {@code doc-formula} (a formula of the
 *     documentation that contradicts its parameter description) or {@code cross-framework} (another
 *     framework's law for the same name, checked on this framework's dump)
 * @param error the framework's error message when the call raised one
 */
public record FixtureRow(String id, String framework, String version, String initializer, String parameters,
                         String shape_name, String shape, String file, String claim_scheme, String claim_params,
                         String claim_fans, String claimed_law, String reference, String basis, String error) {
    /** True when the framework raised an error instead of filling the tensor. */
    public boolean raised() {
        return file == null || file.isBlank();
    }
}
