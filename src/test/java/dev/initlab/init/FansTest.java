package dev.initlab.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.initlab.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * Fans per convention. Expected values are worked by hand from each framework's rule:
 * torch.nn.init._calculate_fan_in_and_fan_out, keras.src.initializers.random_initializers.compute_fans,
 * jax._src.nn.initializers._compute_fans.
 */
class FansTest {
    private static void fans(double in, double out, Fans f) {
        assertEquals(in, f.fanIn(), "fan_in");
        assertEquals(out, f.fanOut(), "fan_out");
    }

    @Test
    void denseIsTheSameLayerInEveryFramework() {
        for (Layout l : Layout.values()) {
            fans(784, 300, Fans.of(WeightShapes.dense(784, 300, l), l));
        }
        assertEquals(Shape.of(300, 784), WeightShapes.dense(784, 300, Layout.TORCH));
    }

    @Test
    void conv2dOihwAndHwio() {
        long[] k = {3, 3};
        // torch Conv2d(64, 128, 3): weight (128, 64, 3, 3): fan_in 64*9, fan_out 128*9
        fans(576, 1152, Fans.of(WeightShapes.conv(64, 128, k, 1, Layout.TORCH), Layout.TORCH));
        // keras Conv2D(128, 3) on 64 channels: kernel (3, 3, 64, 128): same fans
        fans(576, 1152, Fans.of(WeightShapes.conv(64, 128, k, 1, Layout.KERAS), Layout.KERAS));
        fans(576, 1152, Fans.of(WeightShapes.conv(64, 128, k, 1, Layout.JAX), Layout.JAX));
        // reading a torch OIHW tensor with the keras rule gives nonsense fans: the reason --layout exists
        // keras rule on (128, 64, 3, 3): rf = 128*64, fan_in = fan_out = 3 * 8192
        fans(24576, 24576, Fans.keras(Shape.of(128, 64, 3, 3)));
    }

    @Test
    void conv1dAndConv3d() {
        fans(20, 40, Fans.torch(Shape.of(8, 4, 5)));
        fans(108, 216, Fans.torch(Shape.of(8, 4, 3, 3, 3)));
        fans(108, 216, Fans.keras(Shape.of(3, 3, 3, 4, 8)));
    }

    @Test
    void groupedConvDividesOnlyFanIn() {
        // torch Conv2d(16, 32, 3, groups=4): weight (32, 4, 3, 3): fan_in 4*9 = 36, fan_out 32*9 = 288
        Shape t = WeightShapes.conv(16, 32, new long[] {3, 3}, 4, Layout.TORCH);
        assertEquals(Shape.of(32, 4, 3, 3), t);
        fans(36, 288, Fans.of(t, Layout.TORCH));
        // keras Conv2D(32, 3, groups=4): kernel (3, 3, 4, 32): the same
        fans(36, 288, Fans.of(WeightShapes.conv(16, 32, new long[] {3, 3}, 4, Layout.KERAS), Layout.KERAS));
    }

    @Test
    void transposedConvFansDifferAcrossFrameworks() {
        long[] k = {3, 3};
        // torch ConvTranspose2d(16, 32, 3): weight (16, 32, 3, 3): fan_in = 32*9, fan_out = 16*9 (roles swapped)
        fans(288, 144, Fans.of(WeightShapes.convTranspose(16, 32, k, 1, Layout.TORCH), Layout.TORCH));
        // torch ConvTranspose2d(16, 32, 3, groups=2): weight (16, 16, 3, 3): 144, 144
        fans(144, 144, Fans.of(WeightShapes.convTranspose(16, 32, k, 2, Layout.TORCH), Layout.TORCH));
        // keras Conv2DTranspose(32, 3) on 16 channels: kernel (3, 3, 32, 16): fan_in 32*9, fan_out 16*9
        fans(288, 144, Fans.of(WeightShapes.convTranspose(16, 32, k, 1, Layout.KERAS), Layout.KERAS));
        // flax ConvTranspose(32, (3, 3)) on 16 channels: kernel (3, 3, 16, 32): fan_in 16*9, fan_out 32*9
        fans(144, 288, Fans.of(WeightShapes.convTranspose(16, 32, k, 1, Layout.JAX), Layout.JAX));
        assertThrows(IllegalArgumentException.class,
                () -> WeightShapes.convTranspose(16, 32, k, 2, Layout.KERAS));
    }

    @Test
    void jaxAxesAndBatchAxis() {
        // jax in_axis=-2, out_axis=-1 default; batch_axis=0 on (4, 3, 3, 16, 32): rf = 9
        fans(144, 288, Fans.jax(Shape.of(4, 3, 3, 16, 32), -2, -1, 0));
        // explicit axes on an OIHW tensor: in_axis=1, out_axis=0
        fans(576, 1152, Fans.jax(Shape.of(128, 64, 3, 3), 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Fans.jax(Shape.of(3), -2, -1));
        assertThrows(IllegalArgumentException.class, () -> Fans.jax(Shape.of(3, 4), 1, 1));
    }

    @Test
    void rankOneAndBadInput() {
        fans(10, 10, Fans.keras(Shape.of(10)));
        assertThrows(IllegalArgumentException.class, () -> Fans.torch(Shape.of(10)));
        assertThrows(IllegalArgumentException.class, () -> Fans.explicit(0, 3));
        assertThrows(IllegalArgumentException.class, () -> Fans.explicit(3, -1));
        assertThrows(IllegalArgumentException.class, () -> Shape.of(3, 0));
        assertThrows(IllegalArgumentException.class, () -> Shape.of(-1));
        assertThrows(IllegalArgumentException.class, () -> Shape.parse("1000000x1000000x1000000x1000000"));
        assertThrows(IllegalArgumentException.class, () -> Shape.parse("65536x65536"));
        assertThrows(IllegalArgumentException.class, () -> Shape.parse("3xa"));
        assertEquals(Shape.of(256, 784), Shape.parse("256x784"));
        assertEquals(Shape.of(64, 3, 3, 3), Shape.parse("64,3,3,3"));
    }
}
