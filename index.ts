import { platformProgram } from "./program";

// The module's exports are the stack outputs.
export = platformProgram();
