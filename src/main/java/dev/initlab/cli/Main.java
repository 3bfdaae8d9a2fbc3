package dev.initlab.cli;

public final class Main {
    public static void main(String[] args) {
        System.out.println("initlab " + Runtime.version());
    }
}
