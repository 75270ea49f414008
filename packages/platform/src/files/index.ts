// The files module's public entry point: the apps import from here, never the module's inner files.
export { fileContracts, ImageSizeFields, UploadSchema, uploadOf, attachRequestBytes, type UploadInput } from './files.contract.ts';
export { imageSizeOf, maxUploadBytes, type Attachment, type ImageSize, type FileOwnerType, type FilesService } from './files.service.ts';
export { localDiskStore, type FileStore } from './files.store.ts';
export { s3Store, S3StoreError, type S3StoreOptions } from './s3.store.ts';
