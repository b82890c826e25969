/** What the pipeline yields and the write stage writes: a file, by its path in the output folder. */
export interface EmittedFile {
  /** Path relative to the output folder, with forward slashes. */
  path: string;
  content: string;
}
