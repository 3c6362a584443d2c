package dev.graft.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CommandListingTest {

    @Test
    void graftsCommandsWithWhatTheyDoThenTheStandardOnesWithoutTheShellsPlumbing() {
        Map<String, Set<String>> commands = Map.of(
                "graft", Set.of("routes", "canary", "routewhy", "help", "__console"),
                "felix", Set.of("lb", "start", "stop", "help"),
                "gogo", Set.of("__files", "__usage_completion", "grep", "less", "help"),
                "scr", Set.of("list", "info"));
        assertEquals(String.join(System.lineSeparator(),
                "Graft:",
                "  graft:canary    split traffic between versions of a module or a route",
                "  graft:help      list the commands (Graft's, then the standard ones), or describe one",
                "  graft:routes    list the routes",
                "  graft:routewhy  explain which version would serve a request, and why",
                "",
                "Standard commands, by scope:",
                "  felix  help lb start stop",
                "  gogo   grep help less",
                "  scr    info list",
                "",
                "help <command> describes one, e.g. help canary. exit (or Ctrl-D) stops Graft; Ctrl-C cancels the line"
                        + " being typed."),
                CommandListing.format(commands, HelpCommand.GRAFT_COMMANDS, true));
    }

    @Test
    void aLongScopeWrapsUnderItsNames() {
        Set<String> names = new TreeSet<>();
        for (int i = 10; i < 40; i++) {
            names.add("command" + i);
        }
        assertEquals(String.join(System.lineSeparator(),
                "Graft:",
                "",
                "Standard commands, by scope:",
                "  gogo  command10 command11 command12 command13 command14 command15 command16 command17 command18",
                "        command19 command20 command21 command22 command23 command24 command25 command26 command27",
                "        command28 command29 command30 command31 command32 command33 command34 command35 command36",
                "        command37 command38 command39",
                "",
                "help <command> describes one, e.g. help canary."),
                CommandListing.format(Map.of("gogo", names), HelpCommand.GRAFT_COMMANDS, false));
    }
}
