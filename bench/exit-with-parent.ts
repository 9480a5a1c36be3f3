/**
 * Preloaded into a forked process that has no reason of its own to talk to the runner (the
 * worker): if the runner dies instead of stopping it, it does not outlive the runner.
 */
import { exitWithParent } from './processes';

exitWithParent();
