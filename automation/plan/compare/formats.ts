/** The formats of a comparison: the console's text, a pull-request comment, and JSON for tools. */
export const compareFormats = ["text", "markdown", "json"] as const;
export type CompareFormat = (typeof compareFormats)[number];
