# A 32-bit (i386) program that makes its socket calls the way 32-bit programs can: through socketcall(2),
# the one syscall for every socket operation (a0: the operation, a1: a pointer to its arguments), which
# rules on `socket` and `listen` never see. Built by the e2e test: as --32, ld -m elf_i386.
        .section .data
raw:    .long 2, 3, 1          # AF_INET, SOCK_RAW, IPPROTO_ICMP
tcp:    .long 2, 1, 0          # AF_INET, SOCK_STREAM, 0
udp:    .long 2, 2, 0          # AF_INET, SOCK_DGRAM, 0
listenargs:
        .long 0, 1             # fd (filled in), backlog 1
connectargs:
        .long 0, peer, 16      # fd (filled in), address, its length
peer:   .short 2               # sockaddr_in: AF_INET, port 9 (discard), 127.0.0.1
        .byte 0, 9, 127, 0, 0, 1
        .long 0, 0
        .section .text
        .globl _start
_start:
        movl $102, %eax        # socketcall(SYS_SOCKET, raw); as root
        movl $1, %ebx
        movl $raw, %ecx
        int $0x80
        testl %eax, %eax
        js failed
        movl $102, %eax        # socketcall(SYS_SOCKET, tcp)
        movl $1, %ebx
        movl $tcp, %ecx
        int $0x80
        testl %eax, %eax
        js failed
        movl %eax, listenargs
        movl $102, %eax        # socketcall(SYS_LISTEN, fd, 1)
        movl $4, %ebx
        movl $listenargs, %ecx
        int $0x80
        testl %eax, %eax
        js failed
        movl $102, %eax        # socketcall(SYS_SOCKET, udp)
        movl $1, %ebx
        movl $udp, %ecx
        int $0x80
        testl %eax, %eax
        js failed
        movl %eax, connectargs
        movl $102, %eax        # socketcall(SYS_CONNECT, fd, 127.0.0.1:9, 16)
        movl $3, %ebx
        movl $connectargs, %ecx
        int $0x80
        testl %eax, %eax
        js failed
        movl $1, %eax          # exit(0)
        xorl %ebx, %ebx
        int $0x80
failed:
        movl $1, %eax          # exit(1)
        movl $1, %ebx
        int $0x80
