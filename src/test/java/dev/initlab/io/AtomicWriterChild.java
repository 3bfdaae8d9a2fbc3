package dev.initlab.io;

import java.nio.file.Path;

/**
 * A separate JVM for {@link AtomicFilesSignalTest}: writes {@code args[0]} through
 * {@link AtomicFiles}. Mode {@code hang} writes 64 MiB, prints {@code WRITING} and then keeps
 * writing 1 MiB a second (a large write in progress, never finished); mode {@code done} finishes
 * the write, prints {@code DONE} and sleeps (a process killed after its write).
 */
public final class AtomicWriterChild {
    private AtomicWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        byte[] mib = new byte[1 << 20];
        java.util.Arrays.fill(mib, (byte) 7);
        if (args[1].equals("done")) {
            AtomicFiles.write(target, out -> out.write(mib));
            System.out.println("DONE");
            System.out.flush();
            Thread.sleep(600_000);
            return;
        }
        AtomicFiles.write(target, out -> {
            for (int i = 0; i < 64; i++) {
                out.write(mib);
            }
            out.flush();
            System.out.println("WRITING");
            System.out.flush();
            for (int i = 0; i < 600; i++) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                out.write(mib);
            }
        });
    }
}
