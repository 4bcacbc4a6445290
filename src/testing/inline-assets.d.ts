// Vite's `?inline` imports (the test kit's fixture files): the file as a `data:` URL, base64.
declare module '*?inline' {
  const dataUrl: string
  export default dataUrl
}
