// An <img> of a stored Blob: its object URL is made when the image is attached and revoked when it
// goes (React 19 ref cleanup), so a gallery left open all day does not leak decoded photos.
import { useCallback, type ImgHTMLAttributes } from 'react';

type BlobImageProps = Omit<ImgHTMLAttributes<HTMLImageElement>, 'src' | 'ref'> & {
  blob: Blob;
  alt: string;
};

export function BlobImage({ blob, alt, ...rest }: BlobImageProps) {
  const attach = useCallback(
    (img: HTMLImageElement | null) => {
      if (!img) return;
      const url = URL.createObjectURL(blob);
      img.src = url;
      return () => {
        URL.revokeObjectURL(url);
      };
    },
    [blob],
  );
  return <img ref={attach} alt={alt} draggable={false} {...rest} />;
}
