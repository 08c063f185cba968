namespace Klachten.Archive;

/// <summary>The dossier: keeps letters and documents with hashes and retention dates. Hosted by the archive worker, or in the server for the embedded default.</summary>
public static class ArchiveModule;
