package io.wharf.launcher;

/** Entry point of the embedded default started by {@code ./wharf up}. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        System.out.println("wharf launcher");
    }
}
