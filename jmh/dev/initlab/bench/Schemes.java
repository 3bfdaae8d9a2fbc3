package dev.initlab.bench;

import dev.initlab.fill.ElementTransform;
import dev.initlab.fill.NormalTransform;
import dev.initlab.fill.TruncatedNormalTransform;
import dev.initlab.fill.UniformTransform;
import dev.initlab.init.Catalog;
import dev.initlab.init.Elementwise;
import dev.initlab.init.Fans;
import dev.initlab.init.Layout;
import dev.initlab.init.Params;
import dev.initlab.tensor.Shape;
import java.util.Map;

/** The transforms the fill benchmarks apply, by scheme name. */
final class Schemes {
    private Schemes() {
    }

    /**
     * The element transform of {@code scheme} for a tensor of {@code size} elements, seen as a
     * (size/512, 512) weight for the fan-based presets: {@code uniform} U(-1, 1), {@code normal}
     * N(0, 0.02^2), {@code truncated_normal} N(0, 0.02^2) on [-0.04, 0.04] (torch trunc_normal_
     * at 2 std), or any IID catalog scheme (kaiming_normal = He normal, xavier_uniform = Glorot
     * uniform, he_normal = Keras' truncated He normal, ...).
     */
    static ElementTransform transform(String scheme, int size) {
        return switch (scheme) {
            case "uniform" -> UniformTransform.symmetric(1);
            case "normal" -> NormalTransform.of(0, 0.02);
            case "truncated_normal" -> TruncatedNormalTransform.of(0, 0.02, -0.04, 0.04);
            default -> {
                Shape shape = size >= 512 && size % 512 == 0 ? Shape.of(size / 512, 512) : Shape.of(size, 1);
                if (!(Catalog.of(scheme, Params.of(Map.of()), Layout.TORCH) instanceof Elementwise e)) {
                    throw new IllegalArgumentException(scheme + " is not an IID scheme");
                }
                yield e.transform(shape, Fans.of(shape, Layout.TORCH));
            }
        };
    }
}
