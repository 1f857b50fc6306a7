// First: the SDK loads TypeScript, its Automation API and npm's Arborist at start-up unless deferred (see the module); each loads on first use.
import "../offline/defer-sdk-loads";
// Tests render the program many times in one process; the SDK adds a listener per render.
process.setMaxListeners(0);
// The AWS SDK warns once per process that releases after January 2027 need Node 22; the drill
// tests create SDK clients (mocked), so the warning would only clutter the test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
