/**
 * Shell scripts are files of their own (shellcheck reads them) that the code
 * imports as text: the extension's bundler, jest and the CLI load them as strings.
 */
declare module '*.sh' {
  const text: string;
  export default text;
}
