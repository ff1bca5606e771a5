/**
 * errno names by number, as the kernel names them (asm-generic/errno-base.h, errno.h: 41 and 58 are
 * unused), for the architectures that number them so: x86, arm, aarch64, ppc, s390, riscv. Alpha,
 * mips, parisc and sparc number them otherwise and get no name.
 */
const NAMES = (
  'EPERM,ENOENT,ESRCH,EINTR,EIO,ENXIO,E2BIG,ENOEXEC,EBADF,ECHILD,EAGAIN,ENOMEM,EACCES,EFAULT,ENOTBLK,EBUSY,' +
  'EEXIST,EXDEV,ENODEV,ENOTDIR,EISDIR,EINVAL,ENFILE,EMFILE,ENOTTY,ETXTBSY,EFBIG,ENOSPC,ESPIPE,EROFS,EMLINK,' +
  'EPIPE,EDOM,ERANGE,EDEADLK,ENAMETOOLONG,ENOLCK,ENOSYS,ENOTEMPTY,ELOOP,,ENOMSG,EIDRM,ECHRNG,EL2NSYNC,' +
  'EL3HLT,EL3RST,ELNRNG,EUNATCH,ENOCSI,EL2HLT,EBADE,EBADR,EXFULL,ENOANO,EBADRQC,EBADSLT,,EBFONT,ENOSTR,' +
  'ENODATA,ETIME,ENOSR,ENONET,ENOPKG,EREMOTE,ENOLINK,EADV,ESRMNT,ECOMM,EPROTO,EMULTIHOP,EDOTDOT,EBADMSG,' +
  'EOVERFLOW,ENOTUNIQ,EBADFD,EREMCHG,ELIBACC,ELIBBAD,ELIBSCN,ELIBMAX,ELIBEXEC,EILSEQ,ERESTART,ESTRPIPE,' +
  'EUSERS,ENOTSOCK,EDESTADDRREQ,EMSGSIZE,EPROTOTYPE,ENOPROTOOPT,EPROTONOSUPPORT,ESOCKTNOSUPPORT,EOPNOTSUPP,' +
  'EPFNOSUPPORT,EAFNOSUPPORT,EADDRINUSE,EADDRNOTAVAIL,ENETDOWN,ENETUNREACH,ENETRESET,ECONNABORTED,' +
  'ECONNRESET,ENOBUFS,EISCONN,ENOTCONN,ESHUTDOWN,ETOOMANYREFS,ETIMEDOUT,ECONNREFUSED,EHOSTDOWN,' +
  'EHOSTUNREACH,EALREADY,EINPROGRESS,ESTALE,EUCLEAN,ENOTNAM,ENAVAIL,EISNAM,EREMOTEIO,EDQUOT,ENOMEDIUM,' +
  'EMEDIUMTYPE,ECANCELED,ENOKEY,EKEYEXPIRED,EKEYREVOKED,EKEYREJECTED,EOWNERDEAD,ENOTRECOVERABLE,ERFKILL,' +
  'EHWPOISON'
).split(',');

/** The kernel's own, which a syscall interrupted by a signal can leave in the record (linux/errno.h). */
const KERNEL_INTERNAL = ['ERESTARTSYS', 'ERESTARTNOINTR', 'ERESTARTNOHAND', 'ENOIOCTLCMD', 'ERESTART_RESTARTBLOCK'];

const GENERIC_ARCHES: ReadonlySet<string> = new Set([
  'x86_64', 'i386', 'aarch64', 'arm', 'armeb', 'ppc', 'ppc64', 'ppc64le', 's390', 's390x', 'riscv64',
]);

/** `EACCES` for a syscall's `exit=-13` on `arch` (its name); undefined for a success or an unknown number. */
export function errnoName(exit: string | undefined, arch: string | undefined): string | undefined {
  if (exit === undefined || exit.charCodeAt(0) !== 45 /* - */ || arch === undefined || !GENERIC_ARCHES.has(arch)) return undefined;
  const n = -Number(exit);
  if (!Number.isInteger(n)) return undefined;
  if (n >= 512) return KERNEL_INTERNAL[n - 512];
  return NAMES[n - 1] || undefined;
}
