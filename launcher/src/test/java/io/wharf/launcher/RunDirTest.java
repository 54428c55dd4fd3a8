package io.wharf.launcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunDirTest {

    @TempDir
    Path data;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void onlyOneSupervisorPerDataDirectory() throws Exception {
        RunDir first = new RunDir(data);
        RunDir second = new RunDir(data);
        assertThat(first.tryLock()).isTrue();
        assertThat(second.tryLock()).isFalse();
        assertThat(first.stackPid()).contains(ProcessHandle.current().pid());
        first.unlock();
        assertThat(second.tryLock()).isTrue();
        second.unlock();
        assertThat(second.stackPid()).isEmpty();
    }

    @Test
    void pidFileOfAProcessThatIsGoneIsStale() throws Exception {
        RunDir run = new RunDir(data);
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        run.writePid("mongo", p.pid());
        assertThat(run.livePart("mongo")).isEmpty();
        assertThat(run.cleanStalePidFiles()).containsExactly("mongo");
        assertThat(run.pidFile("mongo")).doesNotExist();
    }

    @Test
    void pidFileNamingAnUnrelatedLiveProcessIsStale() throws Exception {
        RunDir run = new RunDir(data);
        // pid reuse: the pid now belongs to something that is not our part (here: this test JVM)
        run.writePid("kafka", ProcessHandle.current().pid());
        assertThat(run.livePart("kafka")).isEmpty();
        assertThat(run.cleanStalePidFiles()).containsExactly("kafka");
    }

    @Test
    void aLiveProcessCarryingThePartMarkersIsRecognised() throws Exception {
        RunDir run = new RunDir(data);
        Process p = marked("gateway", data);
        run.writePid("gateway", p.pid());
        assertThat(run.livePart("gateway")).isPresent();
        assertThat(run.cleanStalePidFiles()).isEmpty();
        // the same part of another data directory is not ours
        Process other = marked("mongo", data.resolve("other"));
        run.writePid("mongo", other.pid());
        assertThat(run.livePart("mongo")).isEmpty();

        assertThat(Processes.terminate(p.toHandle(), Duration.ofSeconds(5))).isTrue();
        assertThat(p.isAlive()).isFalse();
    }

    @Test
    void stateListsPartsInStartOrder() throws Exception {
        RunDir run = new RunDir(data);
        var state = new java.util.Properties();
        state.setProperty("parts", "mongo,kafka,gateway");
        state.setProperty("health.mongo", "tcp://127.0.0.1:1");
        state.setProperty("health.gateway", "http://127.0.0.1:2/actuator/health");
        run.writeState(state);
        assertThat(run.recordedParts()).containsKeys("mongo", "kafka", "gateway")
                .containsEntry("gateway", "http://127.0.0.1:2/actuator/health");
        assertThat(List.copyOf(run.recordedParts().keySet())).containsExactly("mongo", "kafka", "gateway");
    }

    /** A long-running process with the same markers the launcher gives its children. */
    private Process marked(String part, Path dataDir) throws Exception {
        // "; true" keeps sh from exec-ing sleep, so the markers stay on this pid's command line
        Process p = new ProcessBuilder("sh", "-c", "sleep 60; true",
                RunDir.PART_MARKER + part, RunDir.DATA_MARKER + dataDir.toAbsolutePath().normalize()).start();
        processes.add(p);
        return p;
    }
}
