// Saves text the console produced (an audit export) as a file. A Blob behind an <a download> works in the
// browser host and in Electron alike (Electron shows its save dialog), with no file-system access.
export function saveTextFile(fileName: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: `${mimeType};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has taken its copy once click() returns; the next task is late enough to let go.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
