package dev.fapiao.node.document.ofd;

/** OFD locations (ST_Loc): absolute from the container root when they start with '/', else relative. */
final class OfdPaths {
    private OfdPaths() {
    }

    /** Resolves {@code loc} against the folder {@code baseDir} ("" for the root); no leading slash. */
    static String resolve(String baseDir, String loc) {
        String l = loc.strip();
        String joined = l.startsWith("/") ? l.substring(1) : (baseDir.isEmpty() ? l : baseDir + "/" + l);
        StringBuilder out = new StringBuilder();
        java.util.ArrayDeque<String> segs = new java.util.ArrayDeque<>();
        for (String s : joined.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                segs.pollLast(); // cannot climb above the root: resolves inside the container
            } else {
                segs.addLast(s);
            }
        }
        for (String s : segs) {
            out.append(out.length() == 0 ? "" : "/").append(s);
        }
        return out.toString();
    }

    static String folder(String part) {
        int i = part.lastIndexOf('/');
        return i < 0 ? "" : part.substring(0, i);
    }
}
